package org.haven.home;

import java.util.List;
import java.util.function.LongSupplier;

import jakarta.servlet.http.HttpServletRequest;
import org.haven.accounts.HavenUser;
import org.haven.alerts.Notices;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout needs on every page: the signed-in person (with their school) and their
 * navigation.
 */
@ControllerAdvice
class LayoutModelAdvice {

	private final Navigation navigation;

	private final Notices notices;

	LayoutModelAdvice(Navigation navigation, Notices notices) {
		this.navigation = navigation;
		this.notices = notices;
	}

	@ModelAttribute("currentUser")
	HavenUser currentUser(@AuthenticationPrincipal HavenUser user) {
		return user;
	}

	/**
	 * @return whether the page is a step of signing in (the second factor): it shows no
	 * navigation, since nothing else opens until the step is done
	 */
	@ModelAttribute("signingIn")
	boolean signingIn(HttpServletRequest request) {
		return request.getServletPath().startsWith("/sign-in/");
	}

	@ModelAttribute("navigation")
	List<Navigation.Item> navigation(@AuthenticationPrincipal HavenUser user, HttpServletRequest request) {
		return (user != null && !signingIn(request)) ? this.navigation.itemsFor(user) : List.of();
	}

	/**
	 * The header's count of concerns awaiting the person, for those who are alerted to
	 * them. Counted when the page is drawn, not before its controller runs: a page that
	 * opens a concern (and so reads its alert) shows the count after that, and a fragment
	 * or a redirect that draws no header counts nothing.
	 */
	@ModelAttribute("unreadAlerts")
	UnreadAlerts unreadAlerts(@AuthenticationPrincipal HavenUser user, HttpServletRequest request) {
		if (user == null || signingIn(request) || !user.readsChronologies()) {
			return null;
		}
		return new UnreadAlerts(() -> this.notices.unread(user));
	}

	/**
	 * The count, taken once when first asked for.
	 */
	public static final class UnreadAlerts {

		private final LongSupplier counter;

		private Long count;

		UnreadAlerts(LongSupplier counter) {
			this.counter = counter;
		}

		public long count() {
			if (this.count == null) {
				this.count = this.counter.getAsLong();
			}
			return this.count;
		}

	}

	@ModelAttribute("currentPath")
	String currentPath(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
