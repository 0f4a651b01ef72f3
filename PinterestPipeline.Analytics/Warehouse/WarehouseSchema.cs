namespace PinterestPipeline.Analytics.Warehouse;

/// <summary>
/// The warehouse's tables. <c>pin</c>, <c>geo</c> and <c>user</c> have exactly the columns, order and types of the
/// seed's cleaned DataFrames (as Spark infers them from the JSON: integers are BIGINT unless the notebook casts them
/// to INT); the batch job's own state is in tables whose names start with <c>batch_</c>.
/// </summary>
internal static class WarehouseSchema
{
    /// <summary>The cleaned pin columns; the stream job's <c>&lt;prefix&gt;_pin_table</c> starts with the same.</summary>
    public const string PinColumns = """
        ind INTEGER, unique_id VARCHAR, title VARCHAR, description VARCHAR, follower_count INTEGER,
        poster_name VARCHAR, tag_list VARCHAR, is_image_or_video VARCHAR, image_src VARCHAR,
        save_location VARCHAR, category VARCHAR, downloaded INTEGER
        """;

    public const string GeoColumns = "ind BIGINT, country VARCHAR, coordinates DOUBLE[], \"timestamp\" TIMESTAMP";

    public const string UserColumns = "ind BIGINT, user_name VARCHAR, age BIGINT, date_joined TIMESTAMP";

    public const string Create = $"""
        CREATE TABLE IF NOT EXISTS pin ({PinColumns});
        CREATE TABLE IF NOT EXISTS geo ({GeoColumns});
        CREATE TABLE IF NOT EXISTS "user" ({UserColumns});

        -- Each distinct cleaned row once: the 128-bit hash of every row already in pin, geo or user.
        CREATE TABLE IF NOT EXISTS batch_row_hashes (table_name VARCHAR NOT NULL, row_hash UHUGEINT NOT NULL);
        -- Append-only: the highest key of each partition loaded by a commit. Keys sort by offset, so max() is the watermark.
        CREATE TABLE IF NOT EXISTS batch_positions (
            topic VARCHAR NOT NULL, "partition" INTEGER NOT NULL, last_key VARCHAR NOT NULL, run_id BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS batch_rejected (
            run_id BIGINT NOT NULL, object_key VARCHAR NOT NULL, line INTEGER NOT NULL, reason VARCHAR NOT NULL, value VARCHAR);

        CREATE SEQUENCE IF NOT EXISTS batch_run_ids START 1;
        CREATE TABLE IF NOT EXISTS batch_runs (
            id BIGINT NOT NULL, "trigger" VARCHAR NOT NULL, attempt INTEGER NOT NULL, retry_of BIGINT,
            status VARCHAR NOT NULL, started_at TIMESTAMP NOT NULL, ended_at TIMESTAMP, error VARCHAR,
            bucket VARCHAR, objects_read BIGINT NOT NULL DEFAULT 0, records_read BIGINT NOT NULL DEFAULT 0,
            rejected_records BIGINT NOT NULL DEFAULT 0,
            pin_added BIGINT NOT NULL DEFAULT 0, geo_added BIGINT NOT NULL DEFAULT 0, user_added BIGINT NOT NULL DEFAULT 0,
            pin_rows BIGINT NOT NULL DEFAULT 0, geo_rows BIGINT NOT NULL DEFAULT 0, user_rows BIGINT NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS batch_query_results (run_id BIGINT NOT NULL, query_id VARCHAR NOT NULL, rows_json VARCHAR NOT NULL);

        -- The course's age groups, one definition for every query that uses them; NULL for ages below 18 (and NULL ages).
        CREATE OR REPLACE MACRO age_group(age) AS CASE
            WHEN age BETWEEN 18 AND 24 THEN '18-24'
            WHEN age BETWEEN 25 AND 35 THEN '25-35'
            WHEN age BETWEEN 36 AND 50 THEN '36-50'
            WHEN age > 50 THEN '+50'
        END;
        CREATE OR REPLACE MACRO age_group_order(age_group) AS
            CASE age_group WHEN '18-24' THEN 1 WHEN '25-35' THEN 2 WHEN '36-50' THEN 3 WHEN '+50' THEN 4 END;
        """;
}
