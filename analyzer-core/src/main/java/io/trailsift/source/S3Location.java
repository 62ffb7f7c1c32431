package io.trailsift.source;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Account, region and day of a CloudTrail object, read from where S3 put it:
 * {@code AWSLogs/[o-org/]ACCOUNT/CloudTrail[-Digest|-Insight]/REGION/YYYY/MM/DD/...}, or from the
 * file name alone ({@code ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_...}) when a responder copied
 * the files flat. Lets big archives be narrowed without opening objects.
 */
public record S3Location(String accountId, String region, LocalDate day) {
    private static final Pattern FOLDERS = Pattern.compile(
            "(?:^|[/\\\\!])(\\d{12})[/\\\\]CloudTrail(?:-Digest|-Insight)?[/\\\\]([a-z0-9-]+)[/\\\\](\\d{4})[/\\\\](\\d{2})[/\\\\](\\d{2})(?:[/\\\\]|$)");
    private static final Pattern FILE_NAME = Pattern.compile(
            "(?:^|[/\\\\!])(\\d{12})_CloudTrail(?:-Digest|-Insight)?_([a-z0-9-]+)_(\\d{4})(\\d{2})(\\d{2})T");

    public static Optional<S3Location> of(String path) {
        Matcher m = FOLDERS.matcher(path);
        if (!m.find()) {
            m = FILE_NAME.matcher(path);
            if (!m.find()) {
                return Optional.empty();
            }
        }
        try {
            LocalDate day = LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)));
            return Optional.of(new S3Location(m.group(1), m.group(2), day));
        } catch (java.time.DateTimeException notADate) {
            return Optional.empty();
        }
    }
}
