package org.haven.system;

import java.util.Set;

import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

import org.springframework.stereotype.Component;

/**
 * The school's zone for templates, as {@code #schoolZone}: every time a page shows is
 * {@code #temporals.format(when, pattern, #schoolZone)}, in {@link SchoolTime#ZONE}.
 */
@Component
class SchoolTimeDialect extends AbstractDialect implements IExpressionObjectDialect {

	private static final String NAME = "schoolZone";

	SchoolTimeDialect() {
		super("Haven school time");
	}

	@Override
	public IExpressionObjectFactory getExpressionObjectFactory() {
		return new IExpressionObjectFactory() {

			@Override
			public Set<String> getAllExpressionObjectNames() {
				return Set.of(NAME);
			}

			@Override
			public Object buildObject(IExpressionContext context, String expressionObjectName) {
				return NAME.equals(expressionObjectName) ? SchoolTime.ZONE.getId() : null;
			}

			@Override
			public boolean isCacheable(String expressionObjectName) {
				return true;
			}

		};
	}

}
