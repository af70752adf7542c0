import Ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

// Validates HTTP exchanges against an OpenAPI 3.1 document with ajv (JSON Schema 2020-12): the request
// (path, query, headers, body) and the response (status documented, body matches its schema).

type JsonObject = Record<string, unknown>;
type Parameter = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: JsonObject };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonObject }> };
  responses: Record<string, { content?: Record<string, { schema: JsonObject }> }>;
};
type Route = {
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  pointer: string;
  operation: Operation;
};

export type HttpExchange = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
};

const DOCUMENT_ID = 'https://workplace-sync.test/openapi.json';
const escapePointer = (segment: string) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));

export function createContractValidator(document: JsonObject) {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true });
  addFormats.default(ajv);
  ajv.addVocabulary([
    'openapi',
    'info',
    'paths',
    'components',
    'servers',
    'security',
    'tags',
    'webhooks',
    'jsonSchemaDialect',
  ]);
  ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string) => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
      compiled.set(pointer, validate);
    }
    return validate;
  };
  const check = (pointer: string, value: unknown, what: string): string[] => {
    const validate = validatorAt(pointer);
    if (validate(value)) return [];
    return (validate.errors ?? []).map(
      (error) => `${what}${error.instancePath} ${error.message} (${error.schemaPath})`,
    );
  };

  const routes: Route[] = [];
  for (const [template, item] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
    for (const [method, operation] of Object.entries(item)) {
      const names: string[] = [];
      const pattern = new RegExp(
        `^${template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
          names.push(name);
          return '([^/]+)';
        })}$`,
      );
      routes.push({
        method: method.toUpperCase(),
        template,
        pattern,
        names,
        pointer: `/paths/${escapePointer(template)}/${method}`,
        operation,
      });
    }
  }

  function routeOf(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    for (const route of routes) {
      const match = route.method === method.toUpperCase() ? route.pattern.exec(path) : null;
      if (match)
        return {
          route,
          params: Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)])),
        };
    }
    return null;
  }

  /** Query and path values arrive as text: read them as the schema's type before validating. */
  const coerce = (value: string, schema: JsonObject): unknown =>
    schema.type === 'integer' || schema.type === 'number'
      ? Number.isNaN(Number(value))
        ? value
        : Number(value)
      : value;

  return {
    document,
    /** Problems with a request, [] when it matches the document. */
    validateRequest(exchange: HttpExchange): string[] {
      const url = new URL(exchange.url, 'http://localhost');
      const found = routeOf(exchange.method, url.pathname);
      if (!found) return [`${exchange.method} ${url.pathname} is not in the contract`];
      const { route, params } = found;
      const problems: string[] = [];
      const headers = Object.fromEntries(
        Object.entries(exchange.headers).map(([name, value]) => [name.toLowerCase(), value]),
      );
      const parameters = route.operation.parameters ?? [];
      parameters.forEach((parameter, index) => {
        const raw =
          parameter.in === 'path'
            ? params[parameter.name]
            : parameter.in === 'query'
              ? (url.searchParams.get(parameter.name) ?? undefined)
              : headers[parameter.name.toLowerCase()];
        if (raw === undefined) {
          if (parameter.required) problems.push(`missing ${parameter.in} parameter ${parameter.name}`);
          return;
        }
        problems.push(
          ...check(
            `${route.pointer}/parameters/${index}/schema`,
            coerce(raw, parameter.schema),
            `${parameter.in} ${parameter.name}`,
          ),
        );
      });
      for (const name of url.searchParams.keys()) {
        if (!parameters.some((parameter) => parameter.in === 'query' && parameter.name === name))
          problems.push(`undocumented query parameter ${name}`);
      }
      if ((document.security as unknown[] | undefined)?.length && !/^Bearer .+/.test(headers.authorization ?? '')) {
        problems.push('missing Authorization: Bearer');
      }
      const requestBody = route.operation.requestBody;
      if (exchange.body === undefined) {
        if (requestBody?.required) problems.push('missing request body');
      } else if (!requestBody) {
        problems.push('a body was sent to an operation that takes none');
      } else {
        problems.push(...check(`${route.pointer}/requestBody/content/application~1json/schema`, exchange.body, 'body'));
      }
      return problems.map((problem) => `${exchange.method} ${route.template}: ${problem}`);
    },
    /** Problems with a response, [] when its status is documented and its body matches. */
    validateResponse(exchange: { method: string; url: string; status: number; body: unknown }): string[] {
      const url = new URL(exchange.url, 'http://localhost');
      const found = routeOf(exchange.method, url.pathname);
      if (!found) return [`${exchange.method} ${url.pathname} is not in the contract`];
      const { route } = found;
      const response = route.operation.responses[String(exchange.status)];
      if (!response) return [`${exchange.method} ${route.template}: status ${exchange.status} is not documented`];
      if (!response.content) return [];
      return check(
        `${route.pointer}/responses/${exchange.status}/content/application~1json/schema`,
        exchange.body,
        'response',
      ).map((problem) => `${exchange.method} ${route.template} ${exchange.status}: ${problem}`);
    },
    /** Validates a value against a named component schema. */
    validateSchema(name: string, value: unknown): string[] {
      return check(`/components/schemas/${name}`, value, name);
    },
    validateWebhook(exchange: { headers: Record<string, string>; body: unknown }): string[] {
      const pointer = '/webhooks/reservationChanged/post';
      const problems = check(`${pointer}/requestBody/content/application~1json/schema`, exchange.body, 'webhook body');
      const parameters =
        (document.webhooks as Record<string, Record<string, Operation>>).reservationChanged!.post!.parameters ?? [];
      parameters.forEach((parameter, index) => {
        const value = exchange.headers[parameter.name.toLowerCase()];
        if (value === undefined) problems.push(`webhook is missing header ${parameter.name}`);
        else
          problems.push(...check(`${pointer}/parameters/${index}/schema`, value, `webhook header ${parameter.name}`));
      });
      return problems;
    },
  };
}
export type ContractValidator = ReturnType<typeof createContractValidator>;
