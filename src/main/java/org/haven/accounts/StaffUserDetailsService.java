package org.haven.accounts;

import org.haven.school.Schools;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads a member of staff for sign-in by email, in any case, and re-hashes a password
 * stored under older parameters when it is next used.
 */
@Service
class StaffUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

	private final StaffAccountRepository accounts;

	private final Schools schools;

	private final SecondFactors secondFactors;

	StaffUserDetailsService(StaffAccountRepository accounts, Schools schools, SecondFactors secondFactors) {
		this.secondFactors = secondFactors;
		this.accounts = accounts;
		this.schools = schools;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String email) {
		StaffAccount account = this.accounts.findByEmailWithRoles(email)
			.filter((candidate) -> candidate.getPasswordHash() != null)
			.orElseThrow(() -> new UsernameNotFoundException("No account can sign in with that email"));
		String schoolName = this.schools.find(account.getSchoolId()).map((school) -> school.name()).orElse("");
		return new HavenUser(account.getId(), account.getSchoolId(), schoolName, account.getEmail(), account.getName(),
				account.roles(), account.isActive(), this.secondFactors.status(account.getId()).any(),
				account.getPasswordHash());
	}

	@Override
	@Transactional
	public UserDetails updatePassword(UserDetails user, String newPasswordHash) {
		HavenUser haven = (HavenUser) user;
		this.accounts.findById(haven.id()).ifPresent((account) -> account.setPasswordHash(newPasswordHash));
		return new HavenUser(haven.id(), haven.schoolId(), haven.schoolName(), haven.email(), haven.name(),
				haven.roles(), haven.isEnabled(), haven.secondFactorSetUp(), newPasswordHash);
	}

}
