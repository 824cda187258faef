// What the Apex side of the signal intake leans on, run in Java here because Apex documents them as Java's:
// String.format is java.text.MessageFormat, Pattern/Matcher are java.util.regex, String.trim strips up to U+0020.
// Reads lines of URL-encoded, tab-separated fields from stdin and answers one URL-encoded line each:
//   format <template> <value>...   -> MessageFormat of the template with the values
//   matches <pattern> <text>       -> true / false (whole-string match, as Matcher.matches)
//   trim <text>                    -> the text trimmed
// Used by scripts/checks/signals/javaSemantics.test.ts; run as `java scripts/checks/signals/JavaSemantics.java` (no build step).
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.regex.Pattern;

public class JavaSemantics {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String line;
        while ((line = in.readLine()) != null) {
            String[] p = line.split("\t", -1);
            for (int i = 0; i < p.length; i++) p[i] = URLDecoder.decode(p[i], StandardCharsets.UTF_8);
            String answer;
            switch (p[0]) {
                case "format" -> answer = new MessageFormat(p[1]).format(Arrays.copyOfRange(p, 2, p.length));
                case "matches" -> answer = String.valueOf(Pattern.compile(p[1]).matcher(p[2]).matches());
                case "trim" -> answer = p[1].trim();
                default -> answer = "unknown request " + p[0];
            }
            out.println(URLEncoder.encode(answer, StandardCharsets.UTF_8));
        }
    }
}
