package io.seqlearn.peers.dl4j; /** placeholder so the module compiles */ final class Dl4jInfo { private Dl4jInfo() {} }
