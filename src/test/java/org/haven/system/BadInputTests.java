package org.haven.system;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.Role;
import org.haven.pupils.YearGroup;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every POST route Haven serves (as {@link AuthorizationMatrixTests} finds them), sent
 * what a hostile or careless person might send, by a DSL and by a teacher signed in with
 * a valid CSRF token: none answers 5xx. The fields sent are those the route binds (its
 * form records' components, nested lists included, and its request parameters), so a new
 * route or a new field is walked without being listed here.
 */
@HavenTest
class BadInputTests {

	private static final String MEGABYTE = "x".repeat(1024 * 1024);

	/** Fields whose values are ids, dates, numbers or choices rather than free text. */
	private static final String TYPED = "(?i).*(id|ids|day|month|year|hour|minute|\\.x|\\.y|urn|kind|level|decision"
			+ "|made|risk|view|region|restricted|channel|direction|type|basis|told|whom)$";

	@LocalServerPort
	int port;

	@Autowired
	TestSchools testSchools;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@TestFactory
	Stream<DynamicTest> noPostRouteAnswers5xxToBadInput() {
		// A school of its own, so that nothing sent here can change what other tests see.
		UUID school = this.testSchools.school("Bad input school");
		String dslEmail = this.testSchools.member(school, Role.STAFF, Role.DSL);
		Visitor dsl = new Visitor(this.port).signedInAs(dslEmail);
		Visitor teacher = new Visitor(this.port).signedInAs(this.testSchools.member(school, Role.STAFF));
		UUID pupil = this.testSchools.pupil(school, "Ruby", "Finch", YearGroup.YEAR_2, "Rowan");
		String concern = concernOf(teacher, pupil);
		Map<String, Function<Set<String>, List<Map.Entry<String, String>>>> inputs = new LinkedHashMap<>();
		inputs.put("a null byte in every field", (fields) -> each(fields, "typed\u0000text"));
		inputs.put("control characters in every field", (fields) -> each(fields, "\u0001\u001b\u007f\u0085"));
		// One field at a time: a form of many megabytes is past what Tomcat reads at all.
		inputs.put("a megabyte in a text field",
				(fields) -> fields.stream()
					.filter((field) -> !field.matches(TYPED))
					.findFirst()
					.map((field) -> List.of(Map.entry(field, MEGABYTE)))
					.orElse(List.of()));
		inputs.put("wrong types", (fields) -> each(
				fields.stream().filter((field) -> field.matches(TYPED)).collect(TreeSet::new, Set::add, Set::addAll),
				"abc"));
		inputs.put("huge indexes", (fields) -> List.of(Map.entry("marks[100000].view", "FRONT"),
				Map.entry("x[100000].y", "1"), Map.entry("pupilIds[100000]", "1"), Map.entry("marks[256].note", "x")));
		inputs.put("nothing", (fields) -> List.of());
		inputs.put("every field twice", (fields) -> {
			List<Map.Entry<String, String>> twice = new ArrayList<>(each(fields, "one\u0000"));
			twice.addAll(each(fields, "two\u0000"));
			return twice;
		});
		inputs.put("a forged token", (fields) -> List.of(Map.entry("submissionToken", UUID.randomUUID().toString()),
				Map.entry("token", "forged"), Map.entry("observed", "\u0000")));
		List<DynamicTest> tests = new ArrayList<>();
		routes().forEach((pattern, fields) -> {
			String path = pattern
				.replace("{id}",
						pattern.startsWith("/pupils/") ? pupil.toString()
								: pattern.startsWith("/concerns/") ? concern : UUID.randomUUID().toString())
				.replace("{kind}", "note")
				.replace("{entryId}", UUID.randomUUID().toString())
				.replace("{transferId}", UUID.randomUUID().toString())
				.replace("{year}", "2026")
				.replace("{slug}", "note")
				.replace("{entry}", UUID.randomUUID().toString())
				.replace("{staff}", UUID.randomUUID().toString());
			for (Map.Entry<String, Visitor> who : Map.of("DSL", dsl, "teacher", teacher).entrySet()) {
				inputs.forEach((name, input) -> tests
					.add(DynamicTest.dynamicTest("POST " + pattern + " as " + who.getKey() + " with " + name, () -> {
						who.getValue().get("/");
						HttpResponse<String> response = who.getValue().post(path, input.apply(fields));
						assertThat(response.statusCode()).as("POST " + path + " as " + who.getKey() + " with " + name)
							.isLessThan(500);
					})));
			}
		});
		// A school year that is not a year: a forged address, answered as one.
		tests.add(DynamicTest.dynamicTest("POST /admin/school/terms/{year} with a year that is not one", () -> {
			dsl.get("/");
			assertThat(dsl.post("/admin/school/terms/abc", Map.of()).statusCode()).isLessThan(500);
			assertThat(dsl.post("/admin/school/terms/99999999999", Map.of()).statusCode()).isLessThan(500);
		}));
		return tests.stream();
	}

	/**
	 * @return each POST route's path pattern and the names of the fields it binds
	 */
	private Map<String, Set<String>> routes() {
		Map<String, Set<String>> routes = new TreeMap<>();
		this.mappings.getHandlerMethods().forEach((info, method) -> {
			if (info.getMethodsCondition().getMethods().stream().noneMatch((verb) -> verb.name().equals("POST"))) {
				return;
			}
			Set<String> fields = new TreeSet<>();
			for (MethodParameter parameter : method.getMethodParameters()) {
				fieldsOf(parameter, method, fields);
			}
			info.getPatternValues().forEach((pattern) -> routes.put(pattern, fields));
		});
		assertThat(routes).containsKeys("/concerns", "/pupils/{id}/chronology/new/{kind}", "/admin/staff");
		return routes;
	}

	private static void fieldsOf(MethodParameter parameter, HandlerMethod method, Set<String> fields) {
		RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
		if (param != null) {
			String name = param.name().isEmpty() ? parameter.getParameterName() : param.name();
			if (name != null) {
				fields.add(name);
			}
			return;
		}
		Class<?> type = parameter.getParameterType();
		if (parameter.hasParameterAnnotation(ModelAttribute.class)
				|| (type.isRecord() && !BeanUtils.isSimpleProperty(type))) {
			components(type, "", fields);
		}
	}

	private static void components(Class<?> type, String prefix, Set<String> fields) {
		if (!type.isRecord()) {
			return;
		}
		for (RecordComponent component : type.getRecordComponents()) {
			Type generic = component.getGenericType();
			if (generic instanceof ParameterizedType list
					&& list.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
				components(element, prefix + component.getName() + "[0].", fields);
			}
			else {
				fields.add(prefix + component.getName());
			}
		}
	}

	private static List<Map.Entry<String, String>> each(Set<String> fields, String value) {
		return fields.stream().map((field) -> Map.entry(field, value)).toList();
	}

	private String concernOf(Visitor teacher, UUID pupil) {
		String token = Jsoup.parse(teacher.get("/concerns/new").body())
			.select("input[name=submissionToken]")
			.attr("value");
		Map<String, String> form = new LinkedHashMap<>();
		form.put("submissionToken", token);
		form.put("pupilIds", pupil.toString());
		form.put("categoryIds", this.testSchools.category("neglect").toString());
		form.put("occurredDay", "2");
		form.put("occurredMonth", "11");
		form.put("occurredYear", "2026");
		form.put("occurredHour", "10");
		form.put("occurredMinute", "15");
		form.put("observed", "Ruby was hungry.");
		form.put("immediateRisk", "no");
		String logged = Visitor.location(teacher.post("/concerns", form));
		assertThat(logged).endsWith("/logged");
		return logged.substring("/concerns/".length(), logged.length() - "/logged".length());
	}

}
