/**
 * Each child's chronology: an append-only, hash-chained timeline of everything that
 * happened, ordered by when it happened, corrected only by amendments that leave the
 * original visible.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Chronology")
package org.haven.chronology;
