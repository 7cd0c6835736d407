package org.haven.chronology;

/**
 * One field of an entry of a particular kind ("Channel: Phone"). The label is stored with
 * the value, so that the record reads the same however the forms change later.
 *
 * @param key stable name of the field, for reports
 * @param label what it is called
 * @param value what was entered
 */
public record Detail(String key, String label, String value) {
}
