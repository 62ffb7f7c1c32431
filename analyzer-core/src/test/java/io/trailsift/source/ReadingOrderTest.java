package io.trailsift.source;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReadingOrderTest {
    @Test
    void aTrailIsReadDayByDayWithEveryRegionOfADayTogether() {
        List<String> names = sorted(
                "in/AWSLogs/111122223333/CloudTrail/us-east-1/2026/05/02/b.json.gz",
                "in/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/05/02/a.json.gz",
                "in/AWSLogs/111122223333/CloudTrail/us-east-1/2026/05/01/b.json.gz",
                "in/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/05/01/a.json.gz",
                "in/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/04/30/z.json.gz");
        assertEquals(List.of(
                "in/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/04/30/z.json.gz",
                "in/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/05/01/a.json.gz",
                "in/AWSLogs/111122223333/CloudTrail/us-east-1/2026/05/01/b.json.gz",
                "in/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/05/02/a.json.gz",
                "in/AWSLogs/111122223333/CloudTrail/us-east-1/2026/05/02/b.json.gz"), names);
    }

    @Test
    void accountsAndTrailKindsStayApartAndOtherNamesKeepTheirOrder() {
        List<String> names = sorted(
                "z/notes.txt",
                "AWSLogs/o-abc/222233334444/CloudTrail/us-east-1/2026/05/01/c.json.gz",
                "AWSLogs/o-abc/111122223333/CloudTrail-Digest/us-east-1/2026/05/01/d.json.gz",
                "AWSLogs/o-abc/111122223333/CloudTrail/us-east-1/2026/05/02/b.json.gz",
                "AWSLogs/o-abc/111122223333/CloudTrail/ap-south-1/2026/05/03/a.json.gz",
                "a/manifest.json");
        assertEquals(List.of(
                "AWSLogs/o-abc/111122223333/CloudTrail-Digest/us-east-1/2026/05/01/d.json.gz",
                "AWSLogs/o-abc/111122223333/CloudTrail/us-east-1/2026/05/02/b.json.gz",
                "AWSLogs/o-abc/111122223333/CloudTrail/ap-south-1/2026/05/03/a.json.gz",
                "AWSLogs/o-abc/222233334444/CloudTrail/us-east-1/2026/05/01/c.json.gz",
                "a/manifest.json",
                "z/notes.txt"), names);
    }

    @Test
    void namesThatDifferOnlyInTheirSeparatorsStillHaveAnOrder() {
        assertEquals(List.of("x/CloudTrail/us-east-1/2026/05/01/a", "x\\CloudTrail\\us-east-1\\2026\\05\\01\\a"),
                sorted("x\\CloudTrail\\us-east-1\\2026\\05\\01\\a", "x/CloudTrail/us-east-1/2026/05/01/a"));
    }

    private static List<String> sorted(String... names) {
        List<String> list = new ArrayList<>(List.of(names));
        ReadingOrder.sort(list, Function.identity());
        return list;
    }
}
