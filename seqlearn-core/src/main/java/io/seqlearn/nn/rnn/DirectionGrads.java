package io.seqlearn.nn.rnn;

/** Parameter gradients of one layer direction, shaped as {@link DirectionWeights} (null where absent). */
record DirectionGrads(Buf weightIh, Buf weightHh, Buf biasIh, Buf biasHh, Buf weightHr) {}
