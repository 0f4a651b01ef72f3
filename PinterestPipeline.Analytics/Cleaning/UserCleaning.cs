namespace PinterestPipeline.Analytics.Cleaning;

/// <summary>The seed's <c>df_user</c> cleaning, one record at a time.</summary>
public static class UserCleaning
{
    /// <param name="record">The values in <see cref="TableCleaning.User"/> column order.</param>
    public static UserRow Clean(IReadOnlyList<SourceValue> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new UserRow(
            Ind: SparkCast.ToLong(record[0]),
            UserName: UserNames.Combine(SparkCast.ToText(record[1]), SparkCast.ToText(record[2])),
            Age: SparkCast.ToLong(record[3]),
            DateJoined: SparkCast.ToTimestamp(record[4]));
    }
}
