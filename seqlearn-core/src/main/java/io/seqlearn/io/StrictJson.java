package io.seqlearn.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON reader for headers and metadata blobs: duplicate keys are an error (not "last one wins"),
 * anything but whitespace after the value is an error, and error messages do not echo the input.
 * Jackson's default limits stay (nesting depth 1000, numbers of 1000 digits, names of 50 000 chars) except
 * the string length, raised from 20 M chars to the header cap so every header within the cap can be read.
 */
final class StrictJson {
    private StrictJson() {}

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength((int) HeaderParser.MAX_HEADER_BYTES).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
}
