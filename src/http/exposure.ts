/**
 * How much of the schema a client may read about: introspection (`INTROSPECTION`) and the
 * federation SDL through `_service { sdl }` (`FEDERATION_SDL`, by default as introspection). A
 * gateway that composes at run time needs the SDL; one that composes from a file does not.
 */
import { GraphQLError, Kind, NoSchemaIntrospectionCustomRule, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const NoServiceSdlRule: ValidationRule = (context) => ({
  [Kind.OPERATION_DEFINITION](operation) {
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind === Kind.FIELD && selection.name.value === '_service') {
        context.reportError(
          new GraphQLError('This server does not hand out its SDL (FEDERATION_SDL=0); compose the supergraph from schema.graphql.', {
            nodes: selection,
          }),
        );
      }
    }
  },
});

export function useSchemaExposure(options: { introspection: boolean; federationSdl: boolean }): Plugin {
  return {
    onValidate({ addValidationRule }) {
      if (!options.introspection) addValidationRule(NoSchemaIntrospectionCustomRule);
      if (!options.federationSdl) addValidationRule(NoServiceSdlRule);
    },
  };
}
