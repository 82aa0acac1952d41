package io.aiinvest.datahub.schedule;

/** What started a job run. */
public enum JobTrigger {
  /** Its daily slot came. */
  SCHEDULE("schedule"),
  /** {@code serve --run-now} or {@code RUN_JOBS_ON_STARTUP=true}: the four jobs once, in order, at start. */
  RUN_NOW("run-now");

  private final String label;

  JobTrigger(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static JobTrigger fromLabel(String label) {
    for (JobTrigger trigger : values()) {
      if (trigger.label.equals(label)) {
        return trigger;
      }
    }
    throw new IllegalArgumentException("unknown job trigger '" + label + "'");
  }
}
