var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

// Liveness only for now: the modules (coordinator, nodes, transactions) are wired in as they land.
app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));

app.Run();
