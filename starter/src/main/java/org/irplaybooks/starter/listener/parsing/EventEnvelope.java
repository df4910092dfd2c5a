package org.irplaybooks.starter.listener.parsing;

import java.time.Instant;

/**
 * The EventBridge envelope around a detail, already validated.
 *
 * @param account the envelope's {@code account}: the account whose bus received the event, which
 *     for an aggregator is not necessarily the account the finding is about
 */
public record EventEnvelope(String detailType, Field detail, String id, String account, String region, Instant time) {}
