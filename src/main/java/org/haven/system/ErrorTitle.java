package org.haven.system;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Tells the layout when a page comes back with errors, so that its title starts with
 * "Error: " (GOV.UK pattern: the title is the first thing a screen reader says). Decided
 * once here for every form: a form bound to a record has errors in its binding; the few
 * pages that draw their own error summary hold their message under one of
 * {@link #OWN_SUMMARIES}.
 */
@Configuration(proxyBeanMethods = false)
class ErrorTitle implements WebMvcConfigurer, HandlerInterceptor {

	/** What the layout reads. */
	static final String ATTRIBUTE = "pageHasErrors";

	/**
	 * The model attributes under which pages with an error summary of their own keep its
	 * message (a true flag, text, or a non-empty list or map of messages).
	 */
	static final Set<String> OWN_SUMMARIES = Set.of("error", "errors", "signInFailed", "fileError", "problem",
			"keptError", "furtherInformationError");

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView page) {
		// An error page's model names the error it is about: that is not a form.
		if (page == null || request.getDispatcherType() == DispatcherType.ERROR || page.getViewName() == null
				|| page.getViewName().startsWith("redirect:") || page.getViewName().startsWith("error")) {
			return;
		}
		page.getModel().put(ATTRIBUTE, hasErrors(page.getModel()));
	}

	static boolean hasErrors(Map<String, Object> model) {
		for (Map.Entry<String, Object> attribute : model.entrySet()) {
			if (attribute.getValue() instanceof BindingResult binding && binding.hasErrors()) {
				return true;
			}
			if (OWN_SUMMARIES.contains(attribute.getKey()) && holdsSomething(attribute.getValue())) {
				return true;
			}
		}
		return false;
	}

	private static boolean holdsSomething(Object value) {
		if (value instanceof Boolean flag) {
			return flag;
		}
		if (value instanceof CharSequence text) {
			return !text.isEmpty();
		}
		if (value instanceof Collection<?> list) {
			return !list.isEmpty();
		}
		if (value instanceof Map<?, ?> map) {
			return !map.isEmpty();
		}
		return value != null;
	}

}
