package io.aiinvest.datahub.provider.csv;

import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.provider.ProviderException;
import java.nio.file.Path;

/** A file that cannot be read as daily bars; names the file, line and column so the operator can fix it. */
public final class CsvFormatException extends ProviderException {
  public CsvFormatException(Path file, long line, String column, String problem) {
    super(ProviderId.CSV, Kind.BAD_INPUT, file + (line > 0 ? " line " + line : "")
        + (column == null ? "" : ", column '" + column + "'") + ": " + problem + "; nothing from this file was stored");
  }
}
