package io.aiinvest.datahub.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what a logger and the loggers below it log while open, as it reaches the appenders (after the level
 * check). Closing detaches it and puts the logger's level back, since commands set the hub's level globally.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level levelBefore;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(Logger logger) {
    this.logger = logger;
    this.levelBefore = logger.getLevel();
    appender.start();
    logger.addAppender(appender);
  }

  /** Captures the hub's own logs, {@code io.aiinvest.datahub} and below. */
  public static LogCapture hub() {
    return new LogCapture((Logger) LoggerFactory.getLogger("io.aiinvest.datahub"));
  }

  public List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /** The formatted messages of one logger (by its full name), in order. */
  public List<String> messages(Class<?> source) {
    return appender.list.stream()
        .filter(e -> e.getLoggerName().equals(source.getName()))
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
    logger.setLevel(levelBefore);
  }
}
