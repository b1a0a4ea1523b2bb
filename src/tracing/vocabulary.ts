/** The words of tracing requests, shared by the server and the web application (no Node here). */
export const tracingChannels = ['bilateral', 'iarms', 'panel_of_experts', 'other'] as const;
export const tracingStatuses = ['draft', 'sent', 'answered', 'closed'] as const;
export const tracingEvents = ['sent', 'reminder', 'answer', 'note'] as const;
export type TracingEvent = (typeof tracingEvents)[number];
