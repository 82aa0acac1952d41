package io.aiinvest.datahub.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a command-line date, saying plainly which format is expected when it is not one. */
final class DateConverter implements ITypeConverter<LocalDate> {
  @Override
  public LocalDate convert(String value) {
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("'" + value + "' is not a date: use YYYY-MM-DD, e.g. 2024-07-03");
    }
  }
}
