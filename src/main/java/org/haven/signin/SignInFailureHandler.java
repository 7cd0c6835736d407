package org.haven.signin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * Every failed sign-in gets the same answer, whatever the reason (unknown email, wrong
 * password, deactivated account), so that the page never tells anyone whether an account
 * exists. The email typed is kept.
 */
class SignInFailureHandler implements AuthenticationFailureHandler {

	private final String loginPage;

	private final SessionFlashMapManager flashMaps = new SessionFlashMapManager();

	SignInFailureHandler(String loginPage) {
		this.loginPage = loginPage;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		FlashMap flash = new FlashMap();
		flash.put("signInFailed", true);
		String email = request.getParameter("email");
		if (email != null && email.length() <= 254) {
			flash.put("email", email.trim());
		}
		flash.setTargetRequestPath(this.loginPage);
		this.flashMaps.saveOutputFlashMap(flash, request, response);
		response.sendRedirect(request.getContextPath() + this.loginPage);
	}

}
