package org.haven.signin;

import org.haven.accounts.HavenUser;
import org.haven.accounts.StaffCredentials;

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

	private final StaffCredentials credentials;

	private final SecondFactorStatus secondFactors;

	StaffUserDetailsService(StaffCredentials credentials, SecondFactorStatus secondFactors) {
		this.credentials = credentials;
		this.secondFactors = secondFactors;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String email) {
		return this.credentials.forSignIn(email, (id) -> this.secondFactors.status(id).any())
			.orElseThrow(() -> new UsernameNotFoundException("No account can sign in with that email"));
	}

	@Override
	@Transactional
	public UserDetails updatePassword(UserDetails user, String newPasswordHash) {
		return this.credentials.rehashed((HavenUser) user, newPasswordHash);
	}

}
