package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.DateRange;
import java.time.Instant;
import java.util.Objects;

/**
 * What one shared read of history covers.
 *
 * @param focus the sessions under examination; findings are dated inside it
 * @param read the sessions read: the focus plus the trailing context the checks need
 */
record ScanContext(Instant checkTime, DateRange focus, DateRange read) {
  ScanContext {
    Objects.requireNonNull(checkTime, "checkTime");
    Objects.requireNonNull(focus, "focus");
    Objects.requireNonNull(read, "read");
  }
}
