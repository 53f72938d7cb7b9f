package dev.vigil.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Slack, Teams and email step type the shared corpus uses names a registered type and sub-action. */
class ChatConnectorsCorpusTest {

    static final Path CORPUS = Path.of("..", "shared", "corpus", "elastic-workflows");
    static final Pattern STEP_TYPE = Pattern.compile(
            "^\\s*(?:-\\s*)?type:\\s*['\"]?((?:slack\\w*|microsoft-teams|teams|email)(?:\\.\\w+)?)['\"]?\\s*$");

    @Test
    void theCorpussChatAndEmailStepsAreAllAccepted() throws IOException {
        TreeSet<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(CORPUS)) {
            files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).forEach(f -> {
                try {
                    for (String line : Files.readAllLines(f)) {
                        Matcher m = STEP_TYPE.matcher(line);
                        if (m.matches()) {
                            used.add(m.group(1));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertThat(used).contains("slack", "email", "slack2.sendMessage", "slack2.createConversation",
                "slack2.inviteToConversation", "microsoft-teams.listChannels");

        ConnectorTypes types = ConnectorTypes.standard();
        List<String> refused = new ArrayList<>();
        for (String stepType : used) {
            int dot = stepType.indexOf('.');
            ConnectorType type = types.find(dot < 0 ? stepType : stepType.substring(0, dot)).orElse(null);
            boolean accepted = type != null && (dot < 0 ? type.acceptsNoSubAction()
                    : type.acceptsSubAction(stepType.substring(dot + 1)));
            if (!accepted) {
                refused.add(stepType);
            }
        }
        assertThat(refused).as("corpus step types no connector accepts").isEmpty();
        assertThat(types.find(".slack_api")).containsInstanceOf(dev.vigil.connectors.slack.SlackConnector.class);
        assertThat(types.find(".teams")).containsInstanceOf(dev.vigil.connectors.teams.TeamsConnector.class);
    }
}
