// Starts Swagger UI on /api/docs with the server's generated OpenAPI document.
window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
