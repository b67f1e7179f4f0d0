package dev.larder.thymeleaf;

import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.element.AbstractAttributeTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Fails on {@code larder:vary-on} and the other modifiers on an element without
 * {@code larder:cache}: written there they would cache nothing, silently. On an element with
 * {@code larder:cache} it never runs, as that processor removes them first.
 */
final class OrphanAttributeProcessor extends AbstractAttributeTagProcessor {

    OrphanAttributeProcessor(TemplateMode mode, String prefix, String attribute, int precedence) {
        super(mode, prefix, null, false, attribute, true, precedence, true);
    }

    @Override
    protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
            String attributeValue, IElementTagStructureHandler structureHandler) {
        throw FragmentAttributes.error(tag, attributeName + " is only read on an element with "
                + getDialectPrefix() + ":" + FragmentAttributes.CACHE + ", and this one has none", null);
    }
}
