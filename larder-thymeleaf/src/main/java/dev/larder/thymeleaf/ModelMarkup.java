package dev.larder.thymeleaf;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.thymeleaf.model.IAttribute;
import org.thymeleaf.model.IModel;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.model.IStandaloneElementTag;
import org.thymeleaf.model.ITemplateEvent;

/**
 * An element's model written back as markup that parses to the same model. {@code IModel.write}
 * alone does not: the parser turns inlined output ({@code [[${x == "a"}]]}) into
 * {@code th:block} elements with no whitespace before their attributes and values that hold
 * their own quotes, written as {@code <th:blockth:text="${x == "a"}">}. So tags are written
 * here attribute by attribute, one space apart, each value in a quote it does not contain
 * ({@code &quot;} when it holds both, which attribute processors unescape); every other event
 * as it was. Whitespace inside a tag is normalised to one space.
 */
final class ModelMarkup {
    private ModelMarkup() {
    }

    static String write(IModel model) {
        StringWriter out = new StringWriter();
        try {
            for (int i = 0; i < model.size(); i++) {
                ITemplateEvent event = model.get(i);
                if (event instanceof IProcessableElementTag tag) {
                    writeTag(tag, out);
                } else {
                    event.write(out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeTag(IProcessableElementTag tag, StringWriter out) {
        out.append('<').append(tag.getElementCompleteName());
        for (IAttribute attribute : tag.getAllAttributes()) {
            out.append(' ').append(attribute.getAttributeCompleteName());
            String value = attribute.getValue();
            if (value != null) {
                boolean hasDouble = value.indexOf('"') >= 0;
                if (hasDouble && value.indexOf('\'') < 0) {
                    out.append("='").append(value).append('\'');
                } else {
                    out.append("=\"").append(hasDouble ? value.replace("\"", "&quot;") : value).append('"');
                }
            }
        }
        out.append(tag instanceof IStandaloneElementTag standalone && standalone.isMinimized() ? "/>" : ">");
    }
}
