package io.aiinvest.datahub.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Prints rows under snake_case column names as a table, CSV (header line first) or a JSON array of objects keyed by
 * the same names. Numbers stay numbers in JSON; decimals print without trailing zeros.
 */
public final class Rows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> columns;
  private final List<List<Object>> rows = new ArrayList<>();

  public Rows(List<String> columns) {
    this.columns = List.copyOf(columns);
  }

  public Rows add(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.length);
    }
    List<Object> row = new ArrayList<>(values.length);
    for (Object value : values) {
      row.add(value instanceof Optional<?> optional ? optional.orElse(null) : value);
    }
    rows.add(row);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public void print(PrintWriter out, OutputFormat format) {
    switch (format) {
      case CSV -> printCsv(out);
      case JSON -> printJson(out);
      case TABLE -> printTable(out);
    }
    out.flush();
  }

  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal decimal) {
      return plain(decimal);
    }
    return value.toString();
  }

  static String plain(BigDecimal decimal) {
    BigDecimal stripped = decimal.stripTrailingZeros();
    return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
  }

  private void printCsv(PrintWriter out) {
    try {
      CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
      printer.printRecord(columns);
      for (List<Object> row : rows) {
        printer.printRecord(row.stream().map(Rows::text).toList());
      }
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void printJson(PrintWriter out) {
    try {
      JsonGenerator json = JSON.getFactory().createGenerator(out);
      json.writeStartArray();
      for (List<Object> row : rows) {
        json.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
          Object value = row.get(i);
          json.writeFieldName(columns.get(i));
          if (value == null) {
            json.writeNull();
          } else if (value instanceof BigDecimal decimal) {
            json.writeNumber(plain(decimal));
          } else if (value instanceof Long || value instanceof Integer) {
            json.writeNumber(((Number) value).longValue());
          } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
          } else if (value instanceof com.fasterxml.jackson.databind.JsonNode node) {
            json.writeTree(node);
          } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
              json.writeString(text(item));
            }
            json.writeEndArray();
          } else {
            json.writeString(value.toString());
          }
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.flush();
      out.println();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void printTable(PrintWriter out) {
    int[] widths = new int[columns.size()];
    List<List<String>> cells = new ArrayList<>();
    for (List<Object> row : rows) {
      List<String> texts = row.stream().map(v -> v instanceof List<?> l ? String.join(" ", l.stream().map(Rows::text)
          .toList()) : text(v)).toList();
      cells.add(texts);
    }
    for (int i = 0; i < columns.size(); i++) {
      widths[i] = columns.get(i).length();
      for (List<String> row : cells) {
        widths[i] = Math.max(widths[i], Math.min(row.get(i).length(), 80));
      }
    }
    out.println(line(columns, widths));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
    }
    out.println(rule);
    for (List<String> row : cells) {
      out.println(line(row, widths));
    }
  }

  private static String line(List<String> values, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (value.length() > 80) {
        value = value.substring(0, 79) + "…";
      }
      line.append(i == 0 ? "" : "  ").append(value);
      if (i < values.size() - 1) {
        line.append(" ".repeat(Math.max(0, widths[i] - value.length())));
      }
    }
    return line.toString();
  }
}
