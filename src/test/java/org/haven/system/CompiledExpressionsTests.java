package org.haven.system;

import java.lang.reflect.Field;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.HavenTest;
import org.haven.Visitor;
import org.junit.jupiter.api.Test;
import org.thymeleaf.cache.ExpressionCacheKey;
import org.thymeleaf.cache.ICache;
import org.thymeleaf.spring6.SpringTemplateEngine;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thymeleaf compiles a page's Spring expressions to bytecode
 * ({@code spring.thymeleaf.enable-spring-el-compiler}) once each has run 100 times: more
 * than any other test renders most pages, so without this test the compiled form of most
 * of them would first run in a school. Every page of the tour, for every role, is drawn
 * once interpreted and once with every expression in Thymeleaf's cache compiled, and the
 * two must be the same page. Pages whose data differ in kind (a pupil with no chronology
 * beside one with many, each role's own lists, full or empty) are drawn after the
 * expressions were compiled against another's: a compiled expression that meets a type it
 * was not compiled for falls back to the interpreter (Thymeleaf uses Spring's
 * {@code MIXED} compiler mode), and this shows the page still comes out whole and right.
 */
@HavenTest
class CompiledExpressionsTests {

	private static final Field COMPILED;

	static {
		try {
			COMPILED = SpelExpression.class.getDeclaredField("compiledAst");
			COMPILED.setAccessible(true);
		}
		catch (NoSuchFieldException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private static final List<String> ROLES = List.of("teacher", "dsl", "deputy", "senco", "governor", "admin");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	SpringTemplateEngine engine;

	@Test
	void everyPageOfTheTourIsTheSameWithItsExpressionsCompiled() throws Exception {
		Map<String, String> ids = new LinkedHashMap<>(PageTourTests.ids(this.jdbc));
		UUID school = this.jdbc.queryForObject("select id from school where name = 'Oakfield Primary School'",
				UUID.class);
		ids.put("emptyPupil",
				this.jdbc.queryForObject(
						"select p.id::text from pupil p where p.school_id = ?"
								+ " and not exists (select 1 from chronology_entry e where e.pupil_id = p.id) limit 1",
						String.class, school));
		Map<String, Visitor> visitors = new LinkedHashMap<>();
		Map<String, List<String>> pages = new LinkedHashMap<>();
		for (String role : ROLES) {
			visitors.put(role, new Visitor(this.port).signedInAs(PageTourTests.EMAILS.get(role)));
			List<String> paths = new ArrayList<>();
			for (String stop : PageTourTests.TOUR.get(role)) {
				// The second factor's pages are behind the sign-in; an import's check
				// and a disclosure's record are reached through their forms (the page
				// tour fills them).
				if (stop.startsWith("/sign-in/") || stop.contains("{import}") || stop.contains("{disclosure}")
						|| (stop.contains("{teacherAction}") && !ids.containsKey("teacherAction"))) {
					continue;
				}
				paths.add(fill(stop, ids));
			}
			if (role.equals("dsl") || role.equals("deputy")) {
				paths.add(fill("/pupils/{emptyPupil}", ids));
				paths.add(fill("/pupils/{emptyPupil}/chronology", ids));
			}
			pages.put(role, paths);
		}

		// Every page once, so that every expression is parsed and in Thymeleaf's cache.
		for (String role : ROLES) {
			for (String path : pages.get(role)) {
				view(visitors.get(role), path);
			}
		}
		assertThat(this.engine.getConfiguration().getCacheManager().getExpressionCache().keySet().size())
			.as("every page's expressions stay parsed, more than Thymeleaf's default cache of 500 holds")
			.isGreaterThan(500)
			.isLessThan(TemplateCacheConfiguration.EXPRESSIONS);
		assertThat(this.engine.getConfiguration().getCacheManager().getTemplateCache().keySet().size())
			.as("every page's templates and fragments stay parsed, more than Thymeleaf's default cache of 200 holds")
			.isGreaterThan(200)
			.isLessThan(TemplateCacheConfiguration.TEMPLATES);
		Map<SpelExpression, Object> compiled = compileAll();
		assertThat(compiled).as("expressions compiled").hasSizeGreaterThan(100);

		// Each page, roles in the reverse order (so most pages meet expressions compiled
		// against another role's data): once more first, so that a page that changes on
		// being read (the alerts) has settled, then interpreted, then compiled.
		List<String> roles = new ArrayList<>(ROLES);
		Collections.reverse(roles);
		for (String role : roles) {
			for (String path : pages.get(role)) {
				view(visitors.get(role), path);
				String interpreted = interpreted(visitors.get(role), path);
				String page = compiled(visitors.get(role), path, compiled);
				assertThat(page).as(role + " at " + path + ", compiled").isEqualTo(interpreted);
			}
		}
	}

	private String interpreted(Visitor visitor, String path) throws ReflectiveOperationException {
		interpretAll();
		return view(visitor, path);
	}

	private String compiled(Visitor visitor, String path, Map<SpelExpression, Object> compiled)
			throws ReflectiveOperationException {
		restore(compiled);
		return view(visitor, path);
	}

	private String view(Visitor visitor, String path) {
		HttpResponse<String> response = visitor.get(path);
		assertThat(response.statusCode()).as(path).isNotEqualTo(500);
		return response.statusCode() + " " + Visitor.location(response) + "\n" + normalised(response.body());
	}

	/**
	 * The page without what differs on every response: the masked CSRF token, a form's
	 * one-time submission token, the time of day a new record's form starts at, and a
	 * chronology's list of its latest openings (this one included).
	 */
	private static String normalised(String body) {
		return body.replaceAll("(?s)(<details[^>]*id=\"viewers\">).*?</details>", "$1")
			.replaceAll("(name=\"_csrf\" value=\")[^\"]*", "$1")
			.replaceAll("(name=\"submissionToken\" value=\")[^\"]*", "$1")
			.replaceAll("(name=\"[A-Za-z]+(Hour|Minute)\" value=\")[^\"]*", "$1")
			.replaceAll("(name=\"_csrf\" content=\")[^\"]*", "$1")
			.replaceAll("(hx-headers='\\{\"X-CSRF-TOKEN\": \")[^\"]*", "$1");
	}

	private static String fill(String stop, Map<String, String> ids) {
		String path = stop;
		for (Map.Entry<String, String> id : ids.entrySet()) {
			path = path.replace("{" + id.getKey() + "}", id.getValue());
		}
		assertThat(path).as("every id of " + stop + " is known").doesNotContain("{");
		return path;
	}

	private void interpretAll() throws ReflectiveOperationException {
		for (SpelExpression expression : expressions()) {
			expression.revertToInterpreted();
		}
	}

	/** Compiles every expression that can be, and answers each one's compiled form. */
	private Map<SpelExpression, Object> compileAll() throws ReflectiveOperationException {
		Map<SpelExpression, Object> compiled = new HashMap<>();
		for (SpelExpression expression : expressions()) {
			if (expression.compileExpression()) {
				compiled.put(expression, COMPILED.get(expression));
			}
		}
		return compiled;
	}

	/**
	 * Puts back the compiled forms (without compiling again, which would make a class of
	 * each on every page).
	 */
	private static void restore(Map<SpelExpression, Object> compiled) throws ReflectiveOperationException {
		for (Map.Entry<SpelExpression, Object> expression : compiled.entrySet()) {
			COMPILED.set(expression.getKey(), expression.getValue());
		}
	}

	/** The Spring expressions Thymeleaf has parsed and keeps, compiled or not. */
	private List<SpelExpression> expressions() throws ReflectiveOperationException {
		ICache<ExpressionCacheKey, Object> cache = this.engine.getConfiguration()
			.getCacheManager()
			.getExpressionCache();
		List<SpelExpression> found = new ArrayList<>();
		for (ExpressionCacheKey key : cache.keySet()) {
			Object value = cache.get(key);
			if (value != null && value.getClass().getSimpleName().equals("ComputedSpelExpression")) {
				Field field = value.getClass().getDeclaredField("expression");
				field.setAccessible(true);
				found.add((SpelExpression) field.get(value));
			}
		}
		return found;
	}

}
