package server

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
)

// tracerName names the instrumentation in the spans it makes.
const tracerName = "github.com/relgraph/relgraph/server"

// maxQueryText is how much of a Cypher statement a span carries: statements bind every value as a
// parameter, so the text names no data, but built reads can be long.
const maxQueryText = 2000

// NewTracerProvider returns the tracer provider that the standard OTEL_* environment variables
// configure, and the function that flushes and stops it. Tracing is off
// (a provider that records nothing) unless OTEL_TRACES_EXPORTER is otlp, or it is unset and
// OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT names a collector; it is off
// too with OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none. Spans go over OTLP/HTTP
// (http/protobuf), which the OTEL_EXPORTER_OTLP_* variables configure (endpoint, headers, timeout,
// TLS); OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES describe the process (service.name is
// relgraph by default), OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG choose the sampler.
func NewTracerProvider(ctx context.Context) (trace.TracerProvider, func(context.Context) error, error) {
	getenv := os.Getenv // the exporter reads its own variables from the environment too
	off := func(context.Context) error { return nil }
	if strings.EqualFold(strings.TrimSpace(getenv("OTEL_SDK_DISABLED")), "true") {
		return noop.NewTracerProvider(), off, nil
	}
	switch exp := strings.ToLower(strings.TrimSpace(getenv("OTEL_TRACES_EXPORTER"))); exp {
	case "none":
		return noop.NewTracerProvider(), off, nil
	case "":
		if getenv("OTEL_EXPORTER_OTLP_ENDPOINT") == "" && getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") == "" {
			return noop.NewTracerProvider(), off, nil
		}
	case "otlp":
	default:
		return nil, nil, fmt.Errorf("OTEL_TRACES_EXPORTER=%s: relgraph exports traces over OTLP only (otlp or none)", exp)
	}
	proto := getenv("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")
	if proto == "" {
		proto = getenv("OTEL_EXPORTER_OTLP_PROTOCOL")
	}
	if proto != "" && proto != "http/protobuf" {
		return nil, nil, fmt.Errorf("OTEL_EXPORTER_OTLP_PROTOCOL=%s: relgraph sends traces over http/protobuf only", proto)
	}
	exp, err := otlptracehttp.New(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("OTLP trace exporter: %w", err)
	}
	res, err := resource.New(ctx, resource.WithAttributes(attribute.String("service.name", "relgraph")),
		resource.WithFromEnv(), resource.WithTelemetrySDK())
	if err != nil {
		return nil, nil, fmt.Errorf("OTEL_RESOURCE_ATTRIBUTES: %w", err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res))
	return tp, tp.Shutdown, nil
}

// propagator reads the caller's trace context (W3C traceparent and baggage), so that a request's
// span joins the trace of the client or proxy that sent it.
var propagator = propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{})

// startRequestSpan starts the server span of a GraphQL request; endRequestSpan names it after its
// operation once that is known.
func (s *Server) startRequestSpan(ctx context.Context, r *http.Request) (context.Context, trace.Span) {
	ctx = propagator.Extract(ctx, propagation.HeaderCarrier(r.Header))
	return s.tracer.Start(ctx, r.Method+" "+r.URL.Path, trace.WithSpanKind(trace.SpanKindServer),
		trace.WithAttributes(attribute.String("http.request.method", r.Method), attribute.String("url.path", r.URL.Path),
			attribute.String("relgraph.request_id", RequestID(ctx))))
}

func endRequestSpan(span trace.Span, known bool, op, kind, outcome string, status int) {
	if !span.IsRecording() {
		span.End()
		return
	}
	if known {
		name := kind
		if op != "" {
			name += " " + op
			span.SetAttributes(attribute.String("graphql.operation.name", op))
		}
		span.SetName(name)
		span.SetAttributes(attribute.String("graphql.operation.type", kind))
	}
	span.SetAttributes(attribute.Int("http.response.status_code", status), attribute.String("relgraph.outcome", outcome))
	if outcome != "ok" {
		span.SetStatus(codes.Error, outcome)
	}
	span.End()
}

// StatementObserver returns the store's statement hook (neo4j.Config.Observe): each Cypher round
// trip is counted and timed in m (when not nil) and, within a traced request, traced through tp
// (when not nil) as a client span, a child of the request's span. Statements outside requests (the
// readiness checks every few seconds, migrations) make no traces of their own.
func StatementObserver(m *Metrics, tp trace.TracerProvider) func(ctx context.Context, mode, cypher string) (context.Context, func(error)) {
	if tp == nil {
		tp = noop.NewTracerProvider()
	}
	tracer := tp.Tracer(tracerName)
	return func(ctx context.Context, mode, cypher string) (context.Context, func(error)) {
		start := time.Now()
		if !trace.SpanContextFromContext(ctx).IsValid() {
			return ctx, func(err error) {
				if m != nil {
					m.statement(mode, time.Since(start), err)
				}
			}
		}
		attrs := []attribute.KeyValue{attribute.String("db.system.name", "neo4j"), attribute.String("db.operation.name", mode)}
		if cypher != "" {
			attrs = append(attrs, attribute.String("db.query.text", cut(cypher, maxQueryText)))
		}
		ctx, span := tracer.Start(ctx, "cypher "+mode, trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attrs...))
		return ctx, func(err error) {
			if m != nil {
				m.statement(mode, time.Since(start), err)
			}
			if err != nil {
				span.SetStatus(codes.Error, outcomeOf(err))
				span.SetAttributes(attribute.String("relgraph.outcome", outcomeOf(err)))
			}
			span.End()
		}
	}
}
