package io.aiinvest.datahub.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import io.aiinvest.datahub.schedule.ServeConfig.LogFormat;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches the hub's log lines to JSON at start-up: one object per line, with the logging context (job, run,
 * provider, symbol) as the {@code mdc} field, from logback's own {@link JsonEncoder}. Text stays as logback.xml
 * configures it.
 */
final class LogOutput {
  private LogOutput() {}

  static void apply(LogFormat format) {
    if (format != LogFormat.JSON) {
      return;
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        appender.stop();
        appender.setEncoder(encoder);
        appender.start();
      }
    }
  }
}
