package dev.vigil.connectors.email;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.steps.StepFailure;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * One email as a step asks for it, in Kibana's {@code .email} params: {@code to}, {@code cc}, {@code bcc} (lists, or
 * text with commas), {@code subject}, {@code message} (plain text) and optionally {@code messageHTML}, which makes
 * the mail {@code multipart/alternative} so that clients show the HTML and keep the text for the rest.
 */
record OutgoingEmail(List<InternetAddress> to, List<InternetAddress> cc, List<InternetAddress> bcc, String subject,
                     String text, String html) {

    static OutgoingEmail of(ConnectorCall call) throws StepFailure {
        OutgoingEmail email = new OutgoingEmail(addresses(call, "to"), addresses(call, "cc"), addresses(call, "bcc"),
                call.required("subject"), call.required("message"), call.text("messageHTML"));
        if (email.recipients().isEmpty()) {
            throw call.failure("with.to is required (or cc or bcc): the email has no recipient");
        }
        return email;
    }

    List<InternetAddress> recipients() {
        List<InternetAddress> all = new ArrayList<>(to);
        all.addAll(cc);
        all.addAll(bcc);
        return all;
    }

    /**
     * The MIME message. With an idempotency key its Message-ID is derived from it, so that the same step sent again
     * after a crash carries the same Message-ID and mail systems that deduplicate on it show one email.
     */
    MimeMessage toMime(Session session, InternetAddress from, String idempotencyKey) throws MessagingException {
        MimeMessage message = new StableIdMessage(session, idempotencyKey == null ? null
                : digest(idempotencyKey) + "@" + domain(from));
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
        message.setRecipients(Message.RecipientType.CC, cc.toArray(InternetAddress[]::new));
        message.setRecipients(Message.RecipientType.BCC, bcc.toArray(InternetAddress[]::new));
        message.setSubject(subject, "UTF-8");
        message.setSentDate(new Date());
        if (html == null) {
            message.setText(text, "UTF-8");
        } else {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8");
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText(html, "UTF-8", "html");
            message.setContent(new MimeMultipart("alternative", plain, rich));
        }
        message.saveChanges();
        return message;
    }

    private static List<InternetAddress> addresses(ConnectorCall call, String name) throws StepFailure {
        List<String> values = call.strings(name);
        List<InternetAddress> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (String value : values) {
            if (value.isBlank()) {
                continue;
            }
            try {
                out.addAll(List.of(InternetAddress.parse(value, true)));
            } catch (AddressException e) {
                throw call.failure("with." + name + " has an address that is not valid, '" + value + "': "
                        + e.getMessage());
            }
        }
        return out;
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String domain(InternetAddress from) {
        String address = from.getAddress();
        int at = address.lastIndexOf('@');
        return at < 0 ? "vigil.invalid" : address.substring(at + 1);
    }

    /** A message whose Message-ID is given rather than made up when it is saved. */
    private static final class StableIdMessage extends MimeMessage {
        private final String id;

        StableIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (id == null) {
                super.updateMessageID();
            } else {
                setHeader("Message-ID", "<" + id + ">");
            }
        }
    }
}
