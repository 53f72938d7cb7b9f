package dev.vigil.indicator;

import static dev.vigil.indicator.IndicatorType.DOMAIN;
import static dev.vigil.indicator.IndicatorType.EMAIL;
import static dev.vigil.indicator.IndicatorType.IPV4;
import static dev.vigil.indicator.IndicatorType.IPV6;
import static dev.vigil.indicator.IndicatorType.MD5;
import static dev.vigil.indicator.IndicatorType.SHA1;
import static dev.vigil.indicator.IndicatorType.SHA256;
import static dev.vigil.indicator.IndicatorType.URL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndicatorExtractorTest {

    private final IndicatorExtractor extractor = new IndicatorExtractor();

    @Test
    void an_elastic_endpoint_malware_alert_gives_its_hashes_ips_and_user_email_but_no_versions_ids_or_file_names() {
        List<Indicator> found = extractor.extract(fixture("elastic-endpoint-malware.json"));

        assertThat(found).containsExactly(
                new Indicator(IPV4, "10.20.30.41", "alerts[0].host.ip[0]", false),
                new Indicator(IPV6, "fe80::1c2b:3a4d:5e6f:7a8b", "alerts[0].host.ip[1]", false),
                new Indicator(EMAIL, "j.doe@acme-corp.com", "alerts[0].user.email", true),
                new Indicator(MD5, "8e3d1f2a9b7c6d5e4f3a2b1c0d9e8f7a", "alerts[0].process.hash.md5", true),
                new Indicator(SHA1, "3f786850e387550fdab836ed7e6dc881de23001b", "alerts[0].process.hash.sha1", true),
                new Indicator(SHA256, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        "alerts[0].process.hash.sha256", true),
                new Indicator(MD5, "0c1d6e9a4f2b3c5d7e8f9a0b1c2d3e4f", "alerts[0].process.parent.hash.md5", true));
    }

    @Test
    void a_phishing_alert_gives_refanged_urls_ips_emails_and_domains_from_its_free_text() {
        List<Indicator> found = extractor.extract(fixture("phishing-email.json"));

        assertThat(found).containsExactly(
                new Indicator(EMAIL, "billing@paypa1-secure.com", "alerts[0].email.from.address[0]", true),
                new Indicator(EMAIL, "alice.smith@corp.example", "alerts[0].email.to.address[0]", true),
                new Indicator(URL, "https://evil.example.com/login?next=/account", "alerts[0].message", true),
                new Indicator(URL, "http://1.2.3.4:8080/payload.bin", "alerts[0].message", true),
                new Indicator(EMAIL, "user@corp.example", "alerts[0].message", true),
                new Indicator(DOMAIN, "evil-cdn.net", "alerts[0].message", true),
                new Indicator(IPV4, "45.33.32.156", "alerts[0].rule.description", true),
                new Indicator(DOMAIN, "paypa1-secure.com", "alerts[0].rule.description", true));
    }

    @Test
    void a_network_alert_gives_canonical_ipv6_and_hinted_fields_in_kibana_dotted_key_form() {
        List<Indicator> found = extractor.extract(fixture("network-ipv6.json"));

        assertThat(found).containsExactly(
                new Indicator(IPV6, "2001:db8::ff00:42:8329", "alerts[0].source.ip", false),
                new Indicator(IPV6, "2606:4700:4700::1111", "alerts[0].destination.ip", true),
                new Indicator(DOMAIN, "c2.bad-actor.internal", "alerts[0].dns.question.name", true),
                new Indicator(IPV6, "::ffff:8.8.4.4", "alerts[0].dns.resolved_ip[0]", true),
                new Indicator(URL, "https://update.bad-actor.org/gate.php?id=7", "alerts[0].url.full", true),
                new Indicator(DOMAIN, "update.bad-actor.org", "alerts[0].tls.client.server_name", true));
    }

    @Test
    void look_alikes_are_not_indicators() {
        String text = String.join(" ",
                "build 10.0.19045.1234 at 2026-11-20T09:14:03.512Z (12:30:45), bad ip 999.999.999.999, 256.1.1.1,",
                "octal-looking 010.1.1.1, five parts 1.2.3.4.5, 31 hex 3f786850e387550fdab836ed7e6dc88,",
                "inside longer hex 3f786850e387550fdab836ed7e6dc881de23001b3f7, uuid 3a6e4f2c-9b1d-4e8a-a7c5-0d2f1b3c4e5a,",
                "files report.pdf setup.exe evil.dll invoice.zip clip.mov install.sh C:\\Temp\\loader.app,",
                "fields user.name host.id user.email, MAC 00:1a:2b:3c:4d:5e, C++ std::string, local host.corp.local,",
                "a 32 digit number 12345678901234567890123456789012 and private suffix co.uk");

        assertThat(extractor.extract(Map.of("message", text))).isEmpty();
    }

    @Test
    void defanged_forms_in_all_their_brackets_are_refanged() {
        Map<String, Object> alert = Map.of("message",
                "hXXps[:]//Bad(.)Example{.}com/a fxp://files[dot]evil-host.org/x 8.8.8(.)8 mal[at]phish[.]io");

        assertThat(extractor.extract(alert)).extracting(Indicator::type, Indicator::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple(URL, "https://bad.example.com/a"),
                org.assertj.core.groups.Tuple.tuple(URL, "ftp://files.evil-host.org/x"),
                org.assertj.core.groups.Tuple.tuple(IPV4, "8.8.8.8"),
                org.assertj.core.groups.Tuple.tuple(EMAIL, "mal@phish.io"));
    }

    @Test
    void the_same_indicator_is_reported_once_with_the_path_where_it_was_first_seen() {
        Object alert = Json.parse("""
                {"alerts": [
                  {"source.ip": "45.33.32.156", "message": "again 45.33.32.156 and EVIL-CDN.net"},
                  {"message": "evil-cdn.net once more", "destination": {"ip": "45.33.32.156"}}
                ]}""");

        assertThat(extractor.extract(alert)).containsExactly(
                new Indicator(IPV4, "45.33.32.156", "alerts[0].source.ip", true),
                new Indicator(DOMAIN, "evil-cdn.net", "alerts[0].message", true));
    }

    @Test
    void a_url_host_and_an_email_domain_are_reported_as_domains_only_when_they_also_appear_alone() {
        Map<String, Object> alert = Map.of("message",
                "get http://dl.evil-cdn.net/a.ps1 mail ops@evil-cdn.net; infra dl.evil-cdn.net");

        assertThat(extractor.extract(alert)).extracting(Indicator::value)
                .containsExactly("http://dl.evil-cdn.net/a.ps1", "ops@evil-cdn.net", "dl.evil-cdn.net");
    }

    @Test
    void urls_stop_at_quotes_angle_brackets_and_sentence_punctuation() {
        Map<String, Object> alert = Map.of("message",
                "<a href=\"https://a.evil.com/x?y=1\">click</a> (see https://b.evil.com/wiki/Foo_(bar)). 'ftp://c.evil.com/f'");

        assertThat(extractor.extract(alert)).extracting(Indicator::value).containsExactly(
                "https://a.evil.com/x?y=1", "https://b.evil.com/wiki/Foo_(bar)", "ftp://c.evil.com/f");
    }

    @Test
    void hashes_in_text_are_whole_hex_tokens_of_32_40_or_64_digits() {
        Map<String, Object> alert = Map.of("message",
                "md5=D41D8CD98F00B204E9800998ECF8427E sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

        assertThat(extractor.extract(alert)).extracting(Indicator::type, Indicator::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple(MD5, "d41d8cd98f00b204e9800998ecf8427e"),
                org.assertj.core.groups.Tuple.tuple(SHA256,
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    @Test
    void a_hinted_field_whose_value_is_not_of_its_kind_is_scanned_as_text() {
        Map<String, Object> alert = Map.of("url", Map.of("original", "GET /gate.php?host=c2.bad-actor.org"),
                "source", Map.of("ip", "unknown"));

        assertThat(extractor.extract(alert)).containsExactly(
                new Indicator(DOMAIN, "c2.bad-actor.org", "url.original", true));
    }

    @Test
    void wire_names_are_stable_and_round_trip() {
        assertThat(java.util.Arrays.stream(IndicatorType.values()).map(IndicatorType::wireName))
                .containsExactly("ipv4", "ipv6", "domain", "url", "md5", "sha1", "sha256", "email");
        assertThat(IndicatorType.fromWireName("sha256")).contains(SHA256);
        assertThat(IndicatorType.fromWireName("SHA256")).isEmpty();
    }

    @Test
    void numbers_booleans_and_nulls_are_never_indicators() {
        Map<String, Object> alert = new java.util.HashMap<>(Map.of("count", 16843009L, "ok", true));
        alert.put("nothing", null);

        assertThat(extractor.extract(alert)).isEmpty();
    }

    private static Object fixture(String name) {
        try (InputStream in = IndicatorExtractorTest.class.getResourceAsStream("/indicators/" + name)) {
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
