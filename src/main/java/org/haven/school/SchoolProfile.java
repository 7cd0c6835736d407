package org.haven.school;

import java.util.UUID;

/**
 * A school as the rest of Haven sees it.
 *
 * @param id the school's id
 * @param name its name, shown on every page
 * @param urn its DfE unique reference number, if known
 * @param retainUntilAge child protection files are kept until the child reaches this age
 * (KCSIE: 25)
 * @param smallNumberThreshold governor reports show any smaller count as "fewer than"
 * this
 */
public record SchoolProfile(UUID id, String name, String urn, int retainUntilAge, int smallNumberThreshold) {
}
