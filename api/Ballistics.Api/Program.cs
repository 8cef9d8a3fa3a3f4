using Ballistics.Api;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapHealthApi();
app.Run();

/// <summary>Entry point; public so the test host (WebApplicationFactory) can find it.</summary>
public partial class Program;
