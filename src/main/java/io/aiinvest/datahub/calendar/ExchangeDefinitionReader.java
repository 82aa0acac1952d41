package io.aiinvest.datahub.calendar;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aiinvest.datahub.domain.DatahubException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an exchange's calendar file (JSON, one {@link ExchangeDefinition}). Unknown fields are errors, so a typo in
 * a rule cannot silently drop a holiday; every error names the file and, where Jackson knows it, line and column.
 */
public final class ExchangeDefinitionReader {

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  /**
   * Parses one definition.
   *
   * @param source what the stream is, for error messages (a file path or resource name)
   */
  public ExchangeDefinition read(InputStream in, String source) {
    try {
      return mapper.readValue(in, ExchangeDefinition.class);
    } catch (JacksonException e) {
      // A DatahubException thrown by a record's constructor arrives wrapped: report its own message, not Jackson's.
      Throwable cause = e.getCause() instanceof DatahubException ? e.getCause() : e;
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr();
      throw new DatahubException(
          "calendar file " + source + where + ": " + cleanMessage(cause), e);
    } catch (IOException e) {
      throw new DatahubException("cannot read calendar file " + source + ": " + e.getMessage(), e);
    }
  }

  /** Reads a definition bundled on the class path, e.g. {@code calendar/XNYS.json}. */
  public ExchangeDefinition readResource(String resource) {
    try (InputStream in = ExchangeDefinitionReader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new DatahubException("calendar file " + resource + " is not on the class path");
      }
      return read(in, resource);
    } catch (IOException e) {
      throw new DatahubException("cannot read calendar file " + resource + ": " + e.getMessage(), e);
    }
  }

  private static String cleanMessage(Throwable cause) {
    if (cause instanceof JacksonException jackson) {
      return jackson.getOriginalMessage();
    }
    return cause.getMessage();
  }
}
