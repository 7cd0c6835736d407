package org.haven.system;

import org.thymeleaf.cache.StandardCacheManager;
import org.thymeleaf.spring6.SpringTemplateEngine;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Thymeleaf keeps parsed templates and parsed expressions in caches that drop the oldest
 * entry when full: 200 templates and 500 expressions by default. Haven's pages hold more
 * than that (91 templates and about 250 fragment selections, each its own entry; about
 * 1,600 distinct attribute expressions, each with a Spring expression beside it), so
 * under a school's mixed use every page kept pushing another's out, and each was parsed
 * again. A Spring expression parsed again also starts its count towards compilation
 * afresh, so the SpEL compiler (which compiles an expression after 100 runs) reached few
 * of them. The caches now hold all of Haven's with room to spare: a few megabytes.
 */
@Configuration(proxyBeanMethods = false)
class TemplateCacheConfiguration {

	/** Parsed templates and fragment selections: Haven has about 340. */
	static final int TEMPLATES = 2_000;

	/** Parsed expressions, Thymeleaf's and Spring's: Haven has a few thousand. */
	static final int EXPRESSIONS = 20_000;

	@Bean
	static BeanPostProcessor templateCaches() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
				if (bean instanceof SpringTemplateEngine engine && engine.getCacheManager() != null) {
					StandardCacheManager caches = new StandardCacheManager();
					caches.setTemplateCacheMaxSize(TEMPLATES);
					caches.setExpressionCacheMaxSize(EXPRESSIONS);
					engine.setCacheManager(caches);
				}
				return bean;
			}
		};
	}

}
