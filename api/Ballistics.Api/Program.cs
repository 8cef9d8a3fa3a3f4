using Ballistics.Api;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapHealthApi();
app.Run();
