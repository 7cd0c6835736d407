/**
 * Who the staff are and what they may do: staff accounts, their roles and category
 * grants, invitations and the staff administration pages. The public face is
 * {@link org.haven.accounts.StaffAccounts}, the {@link org.haven.accounts.Role}
 * vocabulary and the signed-in {@link org.haven.accounts.HavenUser}; how a person proves
 * who they are is the sign-in module's, which reaches accounts through
 * {@link org.haven.accounts.StaffCredentials}.
 */
@ApplicationModule(displayName = "Accounts", allowedDependencies = { "school", "audit", "mail", "system" })
package org.haven.accounts;

import org.springframework.modulith.ApplicationModule;
