package dev.berth.protocol.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The body of the service API query calls: {@code {"query":"SELECT * FROM enrollments"}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QuerySpecification(String query) {
}
