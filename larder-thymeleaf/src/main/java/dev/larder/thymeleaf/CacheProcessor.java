package dev.larder.thymeleaf;

import java.io.StringWriter;
import java.util.List;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.engine.TemplateManager;
import org.thymeleaf.engine.TemplateModel;
import org.thymeleaf.inline.NoOpInliner;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.model.IModel;
import org.thymeleaf.model.IModelFactory;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.element.AbstractElementModelProcessor;
import org.thymeleaf.processor.element.IElementModelStructureHandler;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * {@code larder:cache}: replaces the element, and everything in it, with its rendered text,
 * from the cache or rendered now. It runs before every {@code th:*} attribute of the element,
 * so {@code th:each}, {@code th:if} and {@code th:with} there are part of what is cached.
 */
final class CacheProcessor extends AbstractElementModelProcessor {
    private final FragmentCaching caching;

    CacheProcessor(TemplateMode mode, String prefix, int precedence, FragmentCaching caching) {
        super(mode, prefix, null, false, FragmentAttributes.CACHE, true, precedence);
        this.caching = caching;
    }

    @Override
    protected void doProcess(ITemplateContext context, IModel model, IElementModelStructureHandler structureHandler) {
        IProcessableElementTag tag = (IProcessableElementTag) model.get(0);
        Fragment fragment = FragmentAttributes.read(context, tag, getDialectPrefix());
        FragmentStore store;
        List<String> keys;
        try {
            store = caching.store(fragment.alias());
            keys = caching.keys(fragment.dependsOn());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw FragmentAttributes.error(tag, e.getMessage(), e);
        }
        model.replace(0, withoutOurAttributes(context.getModelFactory(), tag));
        String text = caching.render(store, fragment.key(), fragment.timeout(), keys, FragmentRun.of(context),
                () -> render(context, model, tag), () -> PrivateValues.of(context));
        model.reset();
        model.add(context.getModelFactory().createText(text));
        // The text is final output: [[...]] in it (a user's name, say) must not be inlined again.
        structureHandler.setInliner(NoOpInliner.INSTANCE);
    }

    /**
     * The {@code th:inline} of the nearest enclosing element that sets one, or null for the
     * template mode's default. Read from the element stack: the parser already applied it to
     * the original text, and the engine's current inliner is not set while a model processor
     * gathers its element.
     */
    private static String enclosingInline(ITemplateContext context, IProcessableElementTag self) {
        List<IProcessableElementTag> stack = context.getElementStack();
        for (int i = stack.size() - 1; i >= 0; i--) {
            IProcessableElementTag tag = stack.get(i);
            if (tag == self || tag.getLine() == self.getLine() && tag.getCol() == self.getCol()) {
                continue;
            }
            String mode = tag.getAttributeValue(StandardDialect.PREFIX, "inline");
            if (mode != null) {
                return mode.strip();
            }
        }
        return null;
    }

    private IProcessableElementTag withoutOurAttributes(IModelFactory factory, IProcessableElementTag tag) {
        IProcessableElementTag clean = tag;
        for (String attribute : FragmentAttributes.ALL) {
            clean = factory.removeAttribute(clean, getDialectPrefix(), attribute);
        }
        return clean;
    }

    /**
     * Renders the element as Thymeleaf renders a conditional comment's content: written out
     * (by {@link ModelMarkup}), parsed at the element's line and column (errors and inner
     * default names point near it: the tag's own whitespace is normalised, so later lines of
     * a multi-line start tag shift), and processed in this context, which keeps the enclosing
     * local variables. A fresh parse knows nothing of an enclosing {@code th:inline}, so the
     * markup is wrapped in a {@code th:block} that restores it: inside {@code th:inline="none"},
     * {@code [[...]]} stays text.
     */
    private static String render(ITemplateContext context, IModel model, IProcessableElementTag tag) {
        TemplateManager templates = context.getConfiguration().getTemplateManager();
        String mode = enclosingInline(context, tag);
        String markup = mode == null ? ModelMarkup.write(model)
                : "<th:block th:inline=\"" + mode + "\">" + ModelMarkup.write(model) + "</th:block>";
        int col = mode == null ? tag.getCol() : Math.max(1, tag.getCol() - markup.indexOf('>') - 1);
        TemplateModel parsed = templates.parseString(context.getTemplateData(), markup, tag.getLine(), col, null, true);
        StringWriter out = new StringWriter();
        templates.process(parsed, context, out);
        return out.toString();
    }
}
