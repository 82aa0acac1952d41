package io.aiinvest.datahub.domain;

import java.time.Instant;

/**
 * The values a stored bar had before an upsert changed them: {@code previous} is what the hub believed from its own
 * ingest time until {@code revisedAt}, when {@code newSource} replaced it.
 */
public record BarRevision(DailyBar previous, Instant previousIngestedAt, Instant revisedAt, ProviderId newSource) {}
