package org.haven.system;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.context.IWebContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;
import org.thymeleaf.spring6.SpringTemplateEngine;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * Static assets (Haven's own under {@code /css}, {@code /js}, {@code /images} and the
 * WebJars) are linked by a name that carries a hash of their content
 * ({@code spring.web.resources.chain.strategy.content}), so a browser keeps each a year
 * without asking again ({@code immutable}) and still gets the new one the moment it
 * changes, because its name changes.
 * <p>
 * Spring's {@link ResourceUrlEncodingFilter} would do the renaming, but it asks of every
 * link a page writes whether it names a static resource: a look on the class path for
 * each of a chronology's hundreds of links (measured: most of a 100-entry page's time).
 * So it stays off, and Thymeleaf's {@code @{...}} links are renamed here, only those
 * under the asset folders.
 */
@Configuration(proxyBeanMethods = false)
class ResourceUrlConfiguration {

	/** The folders static assets are served from. */
	static final String[] ASSET_FOLDERS = { "/css/", "/js/", "/images/", "/webjars/" };

	/**
	 * A file name with a content hash in it, as the content version strategy writes it:
	 * {@code haven-0123456789abcdef0123456789abcdef.css}.
	 */
	static final Pattern HASHED = Pattern.compile(".*-[0-9a-f]{32}\\.[A-Za-z0-9]+$");

	/** A year, and never asked again: the name changes when the content does. */
	static final String IMMUTABLE = "max-age=31536000, public, immutable";

	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}

	@Bean
	static BeanPostProcessor hashedAssetLinks(ObjectProvider<ResourceUrlProvider> urls, Environment environment) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
				if (bean instanceof SpringTemplateEngine engine) {
					boolean once = environment.getProperty("spring.web.resources.chain.cache", Boolean.class, true);
					engine.setLinkBuilder(new HashedAssetLinkBuilder(new HashedPaths((path) -> {
						ResourceUrlProvider provider = urls.getIfAvailable();
						return (provider != null) ? provider.getForLookupPath(path) : null;
					}, once)));
				}
				return bean;
			}
		};
	}

	@Bean
	FilterRegistrationBean<ImmutableAssetFilter> immutableAssetFilter() {
		FilterRegistrationBean<ImmutableAssetFilter> registration = new FilterRegistrationBean<>(
				new ImmutableAssetFilter());
		for (String folder : ASSET_FOLDERS) {
			registration.addUrlPatterns(folder + "*");
		}
		return registration;
	}

	static boolean isAsset(String path) {
		for (String folder : ASSET_FOLDERS) {
			if (path.startsWith(folder)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * An asset's content-hashed path, worked out once per path and then remembered: a
	 * page writes a dozen asset links on every request, and Spring's lookup (the resource
	 * handlers' patterns, then the resolver chain's cache) was 2 to 7 % of a page's time.
	 * The files are inside Haven's jar and the WebJars, so they cannot change while it
	 * runs. When the resource chain does not cache
	 * ({@code spring.web.resources.chain.cache=false}, as Spring Boot's devtools sets it
	 * so that an edited file gets its new hash at once), every link is looked up afresh,
	 * as Spring does.
	 */
	static final class HashedPaths {

		/**
		 * More paths than Haven's templates name: a link built from data (none today)
		 * could not grow the map without end; past it, paths are looked up each time.
		 */
		static final int MAX_REMEMBERED = 1000;

		private final Function<String, String> lookUp;

		private final Map<String, String> remembered;

		HashedPaths(Function<String, String> lookUp, boolean once) {
			this.lookUp = lookUp;
			this.remembered = once ? new ConcurrentHashMap<>() : null;
		}

		/**
		 * The path with its content hash, or the path itself when no resource answers it
		 * (not remembered: a lookup before Spring has found the resource handlers, at
		 * start, must not stick).
		 */
		String hashed(String path) {
			String known = (this.remembered != null) ? this.remembered.get(path) : null;
			if (known != null) {
				return known;
			}
			String hashed = this.lookUp.apply(path);
			if (hashed == null) {
				return path;
			}
			if (this.remembered != null && this.remembered.size() < MAX_REMEMBERED) {
				this.remembered.put(path, hashed);
			}
			return hashed;
		}

	}

	/**
	 * Thymeleaf's links, with an asset's path given its content-hashed name.
	 */
	static final class HashedAssetLinkBuilder extends StandardLinkBuilder {

		private final HashedPaths paths;

		HashedAssetLinkBuilder(HashedPaths paths) {
			this.paths = paths;
		}

		@Override
		protected String processLink(IExpressionContext context, String link) {
			String processed = super.processLink(context, link);
			if (!(context instanceof IWebContext web) || processed == null) {
				return processed;
			}
			String contextPath = web.getExchange().getRequest().getApplicationPath();
			if (contextPath == null) {
				contextPath = "";
			}
			if (!processed.startsWith(contextPath)) {
				return processed;
			}
			String path = processed.substring(contextPath.length());
			if (!isAsset(path) || path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
				return processed;
			}
			return contextPath + this.paths.hashed(path);
		}

	}

	/**
	 * An asset asked for by its hashed name is kept a year, {@code immutable}; by its
	 * plain name (a module's import, an old link) as long as
	 * {@code spring.web.resources.cache.cachecontrol} says. A wrong hash is not found, so
	 * nothing else is ever cached that long.
	 */
	static final class ImmutableAssetFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (!HASHED.matcher(request.getRequestURI()).matches()) {
				chain.doFilter(request, response);
				return;
			}
			chain.doFilter(request, new HttpServletResponseWrapper(response) {
				@Override
				public void setHeader(String name, String value) {
					super.setHeader(name, "Cache-Control".equalsIgnoreCase(name) ? IMMUTABLE : value);
				}

				@Override
				public void addHeader(String name, String value) {
					if ("Cache-Control".equalsIgnoreCase(name)) {
						super.setHeader(name, IMMUTABLE);
					}
					else {
						super.addHeader(name, value);
					}
				}
			});
		}

	}

}
