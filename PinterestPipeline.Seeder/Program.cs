using PinterestPipeline.Seeder;

return await SeederCli.RunAsync(args, Console.Out, Console.Error);
