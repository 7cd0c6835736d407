package org.haven.system;

import java.util.List;

import jakarta.servlet.ServletRequest;

import org.springframework.beans.BeansException;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.ServletRequestDataBinder;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.annotation.InitBinderDataBinderFactory;
import org.springframework.web.method.support.InvocableHandlerMethod;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletRequestDataBinderFactory;
import org.springframework.web.servlet.support.ExtendedServletRequestDataBinder;

/**
 * How every form Haven receives is bound, so that each new form is held to the same rules
 * without doing anything: a field sent with a control character is refused beside the
 * field ({@link ControlCharacterFilter} found it), and a forged index too large for a
 * list ({@code marks[300].view}) is a bad request, not a failure of Haven's.
 */
@Configuration(proxyBeanMethods = false)
class FormBinding {

	/** The message when a field held a control character, unless a form names its own. */
	static final String CONTROL_CHARACTERS = "Remove the hidden control characters (marked �) from this answer";

	@Bean
	FilterRegistrationBean<ControlCharacterFilter> controlCharacterFilter() {
		FilterRegistrationBean<ControlCharacterFilter> registration = new FilterRegistrationBean<>(
				new ControlCharacterFilter());
		// After the character encoding filter (so parameters are read as UTF-8), before
		// Spring Security (so the sign-in reads them cleared).
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	WebMvcRegistrations formBindingRegistrations() {
		return new WebMvcRegistrations() {

			@Override
			public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
				return new Adapter();
			}

		};
	}

	private static final class Adapter extends RequestMappingHandlerAdapter {

		@Override
		protected InitBinderDataBinderFactory createDataBinderFactory(List<InvocableHandlerMethod> binderMethods) {
			return new ServletRequestDataBinderFactory(binderMethods, getWebBindingInitializer()) {

				@Override
				protected ServletRequestDataBinder createBinderInstance(Object target, String objectName,
						NativeWebRequest request) {
					return new Binder(target, objectName);
				}

			};
		}

	}

	private static final class Binder extends ExtendedServletRequestDataBinder {

		Binder(Object target, String objectName) {
			super(target, objectName);
		}

		@Override
		public void construct(ServletRequest request) {
			try {
				super.construct(request);
			}
			catch (IndexOutOfBoundsException | InvalidPropertyException ex) {
				throw tooMany(ex);
			}
			if (getBindingResult().hasErrors() && getBindingResult().getTarget() == null) {
				// A value no browser sends (text for a file): the form could not be
				// built,
				// and a controller could not even mark a field of it.
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The form could not be read");
			}
			refuseControlCharacters(request);
		}

		@Override
		public void bind(ServletRequest request) {
			try {
				super.bind(request);
			}
			catch (IndexOutOfBoundsException | InvalidPropertyException ex) {
				throw tooMany(ex);
			}
			refuseControlCharacters(request);
		}

		/**
		 * Rejects each field of this form that was sent with a control character, once.
		 * Parameters that are no field of this form (the CSRF token, a button) are left
		 * to whatever reads them.
		 */
		private void refuseControlCharacters(ServletRequest request) {
			if (getTarget() == null) {
				return;
			}
			for (String field : ControlCharacterFilter.refused(request)) {
				if (getBindingResult().getFieldErrors(field)
					.stream()
					.anyMatch((error) -> "controlCharacters".equals(error.getCode()))) {
					continue;
				}
				try {
					getBindingResult().rejectValue(field, "controlCharacters", CONTROL_CHARACTERS);
				}
				catch (BeansException | IllegalStateException ex) {
					// Not a field of this form; or the form could not be built at all (a
					// value of the wrong type), and comes back with that error instead.
				}
			}
		}

		private static ResponseStatusException tooMany(RuntimeException ex) {
			return new ResponseStatusException(HttpStatus.BAD_REQUEST, "The form has more entries than it can take",
					ex);
		}

	}

}
