package org.haven.system;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.haven.HavenTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.thymeleaf.spring6.ISpringTemplateEngine;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The shared form fragments, rendered by Haven's own Thymeleaf set-up for a form that
 * fails validation: every error beside its field and in the summary, and everything typed
 * kept, escaped.
 */
@HavenTest
class FormFragmentsTests {

	@Autowired
	ISpringTemplateEngine templates;

	@Autowired
	LocalValidatorFactoryBean validator;

	MockMvc mvc;

	@BeforeEach
	void fixture() {
		ThymeleafViewResolver views = new ThymeleafViewResolver();
		views.setTemplateEngine(this.templates);
		views.setCharacterEncoding("UTF-8");
		this.mvc = MockMvcBuilders.standaloneSetup(new FixtureController())
			.setViewResolvers(views)
			.setValidator(this.validator)
			.build();
	}

	@Test
	void errorsAreSummarisedAtTheTopAndShownBesideEachField() throws Exception {
		Document page = submit(Map.of("name", "", "account", "x", "year", "", "happenedDay", "31", "happenedMonth", "2",
				"happenedYear", "2026", "happenedHour", "9", "happenedMinute", "5"));

		assertThat(page.select(".govuk-error-summary__list a")).extracting((link) -> link.attr("href"))
			.containsExactlyInAnyOrder("#name", "#account", "#year", "#flags", "#happened");
		assertThat(page.select("#name-error").text()).contains("Enter the child’s name");
		assertThat(page.select("#name").attr("aria-describedby")).contains("name-hint", "name-error");
		assertThat(page.select("#name").hasClass("govuk-input--error")).isTrue();
		assertThat(page.select("#account-error").text()).contains("Write at least 3 characters");
		assertThat(page.select("#happened-error").text()).contains("Enter a real date");
		assertThat(page.select(".govuk-form-group--error")).hasSizeGreaterThanOrEqualTo(5);
	}

	@Test
	void everythingTypedIsKeptAndEscaped() throws Exception {
		Document page = submit(Map.of("name", "<b>Ada</b> \"Lovelace\"", "account", "She said: <script>x</script>",
				"year", "4", "flags", "EAL", "happenedDay", "31", "happenedMonth", "02", "happenedYear", "2026",
				"happenedHour", "14", "happenedMinute", "30"));

		assertThat(page.select("#name").attr("value")).isEqualTo("<b>Ada</b> \"Lovelace\"");
		assertThat(page.select("#account").text()).isEqualTo("She said: <script>x</script>");
		assertThat(page.select("script")).isEmpty();
		assertThat(page.select("b")).isEmpty();
		assertThat(page.select("#year option[selected]").attr("value")).isEqualTo("4");
		assertThat(page.select("input[name=flags][checked]")).extracting((box) -> box.attr("value"))
			.containsExactly("EAL");
		assertThat(List.of("happenedDay", "happenedMonth", "happenedYear", "happenedHour", "happenedMinute"))
			.map((field) -> page.select("#" + field).attr("value"))
			.containsExactly("31", "02", "2026", "14", "30");
	}

	@Test
	void everyFieldHasALabel() throws Exception {
		Document page = submit(Map.of("name", ""));
		Elements fields = page.select("input:not([type=hidden]), textarea, select");
		assertThat(fields).as("the fixture's fields, each fragment drawn").hasSizeGreaterThanOrEqualTo(9);
		fields.forEach((field) -> assertThat(page.select("label[for=" + field.id() + "]")).as(field.id()).isNotEmpty());
	}

	private Document submit(Map<String, String> fields) throws Exception {
		var request = post("/fixture");
		fields.forEach(request::param);
		return Jsoup.parse(this.mvc.perform(request).andReturn().getResponse().getContentAsString());
	}

	record FixtureForm(@NotBlank(message = "Enter the child’s name") String name,
			@Size(min = 3, message = "Write at least 3 characters") String account,
			@NotBlank(message = "Select a year group") String year,
			@NotEmpty(message = "Select at least one flag") List<String> flags, String happenedDay,
			String happenedMonth, @Pattern(regexp = "\\d{4}", message = "Enter a year") String happenedYear,
			String happenedHour, String happenedMinute) {

		/**
		 * The parts put together, as a real form record would; errors about the date are
		 * recorded against it.
		 */
		public LocalDateTime getHappened() {
			try {
				return LocalDateTime.of(Integer.parseInt(this.happenedYear), Integer.parseInt(this.happenedMonth),
						Integer.parseInt(this.happenedDay), Integer.parseInt(this.happenedHour),
						Integer.parseInt(this.happenedMinute));
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

	}

	@Controller
	static class FixtureController {

		@PostMapping("/fixture")
		String submit(@Valid @ModelAttribute("form") FixtureForm form, BindingResult result, Model model) {
			if (form.getHappened() == null) {
				result.rejectValue("happened", "date", "Enter a real date");
			}
			Map<String, String> years = new LinkedHashMap<>();
			years.put("3", "Year 3");
			years.put("4", "Year 4");
			model.addAttribute("years", years);
			model.addAttribute("flags", Map.of("EAL", "English as an additional language"));
			return "test/forms";
		}

	}

}
