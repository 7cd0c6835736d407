package org.haven.accounts;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records when each person last signed in, shown to the DSL and ADMIN on the staff list.
 */
@Component
class SignInRecorder {

	private final StaffAccountRepository accounts;

	private final Clock clock;

	SignInRecorder(StaffAccountRepository accounts, Clock clock) {
		this.accounts = accounts;
		this.clock = clock;
	}

	@EventListener
	@Transactional
	void on(AuthenticationSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof HavenUser user) {
			this.accounts.recordSignIn(user.id(), this.clock.instant());
		}
	}

}
