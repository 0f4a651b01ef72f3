namespace PinterestPipeline.Seeder.Data;

/// <summary>A row of <c>user_data</c>; <see cref="Values"/> follows the table's column order.</summary>
public sealed record UserRow(int Ind, string FirstName, string LastName, int Age, DateTime DateJoined)
{
    public object[] Values => [Ind, FirstName, LastName, Age, DateJoined];
}
