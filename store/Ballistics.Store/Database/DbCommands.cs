using System.Data.Common;

namespace Ballistics.Store.Database;

/// <summary>
/// What every store class does with a command, over ADO.NET's common types so that one body of code runs on SQLite and
/// on PostgreSQL. Parameters are named <c>@name</c>, the one spelling both providers read.
/// </summary>
internal static class DbCommands
{
    /// <summary>Adds a parameter (null is sent as SQL NULL) and returns it, for commands that are run again with new values.</summary>
    public static DbParameter With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Runs a statement that returns no rows.</summary>
    public static void Execute(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row as a whole number (0 when there is none or it is NULL).</summary>
    public static long Scalar(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        // SQLite answers integers as long; PostgreSQL as the column's own type (int for INTEGER).
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
