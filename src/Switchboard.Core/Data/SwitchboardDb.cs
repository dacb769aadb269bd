using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Switchboard.Core.Data;

/// <summary>
/// The model, shared by both databases. This type is the SQLite context (its migrations are in
/// Data/Migrations); <see cref="PostgresDb"/> is the same model with PostgreSQL's own migrations.
/// </summary>
public class SwitchboardDb : DbContext, IDataProtectionKeyContext
{
    public SwitchboardDb(DbContextOptions<SwitchboardDb> options) : base(options) { }

    protected SwitchboardDb(DbContextOptions options) : base(options) { }

    /// <summary>Sign-in cookies and antiforgery tokens made by one instance are read by every other.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Reseller> Resellers => Set<Reseller>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<SignIn> SignIns => Set<SignIn>();
    public DbSet<PbxUser> Users => Set<PbxUser>();
    public DbSet<PhoneModel> PhoneModels => Set<PhoneModel>();
    public DbSet<ProvisioningTemplate> ProvisioningTemplates => Set<ProvisioningTemplate>();
    public DbSet<UserProfile> UserProfiles => Set<UserProfile>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<ImportFile> ImportFiles => Set<ImportFile>();
    public DbSet<ImportBeforeImage> ImportBeforeImages => Set<ImportBeforeImage>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SecretKey> SecretKeys => Set<SecretKey>();
    public DbSet<ResellerProvisioning> ResellerProvisioning => Set<ResellerProvisioning>();
    public DbSet<PhoneFileStamp> PhoneFileStamps => Set<PhoneFileStamp>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        // Index filters are raw SQL: PostgreSQL folds unquoted names to lower case.
        var dialect = Dialects.Dialect.For(Database);
        string Q(string column) => dialect.InFilter(column);
        b.Entity<Reseller>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasIndex(x => x.Name).IsUnique();
        });
        b.Entity<Client>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.DefaultLanguage).HasMaxLength(10);
            e.Property(x => x.SipDomain).HasMaxLength(253);
            e.HasIndex(x => new { x.ResellerId, x.Name }).IsUnique();
            e.HasIndex(x => x.SipDomain).IsUnique();
            e.HasOne<Reseller>().WithMany().HasForeignKey(x => x.ResellerId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<SignIn>(e =>
        {
            e.Property(x => x.Email).HasMaxLength(254);
            e.Property(x => x.NormalizedEmail).HasMaxLength(254);
            e.Property(x => x.Role).HasMaxLength(16);
            // Bulk inserts (imports) leave it out: a new account starts with the empty stamp.
            e.Property(x => x.SecurityStamp).HasMaxLength(32).HasDefaultValue("");
            e.HasIndex(x => x.NormalizedEmail).IsUnique();
            e.HasIndex(x => x.ClientId).HasFilter($"{Q("ClientId")} IS NOT NULL AND {Q("Role")} <> 'user'");
            // Only reseller administrators have one: the users' NULLs need no index entries.
            e.HasIndex(x => x.ResellerId).HasFilter($"{Q("ResellerId")} IS NOT NULL");
            e.HasOne<Reseller>().WithMany().HasForeignKey(x => x.ResellerId).OnDelete(DeleteBehavior.Restrict);
            // PostgreSQL would check this key row by row (0.4-0.6 s per 100,000 created users); there the
            // migration SignInClientCheck enforces it with statement-level triggers instead (docs/decisions.md).
            if (!dialect.ChecksSignInKeysByTriggers) e.HasOne<Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<PbxUser>(e =>
        {
            e.ToTable("Users");
            e.Property(x => x.Id).ValueGeneratedNever();
            if (!dialect.ChecksSignInKeysByTriggers)
            {
                e.HasOne<SignIn>().WithOne().HasForeignKey<PbxUser>(x => x.Id).OnDelete(DeleteBehavior.Cascade);
                e.HasOne<Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
            }
            // PostgreSQL checks every foreign key row by row, so there one rule stands for these two: a
            // user's ("Id", "ClientId") is its sign-in's, and deleting the sign-in deletes the user. The
            // migration UserSignInCheck enforces it with statement-level triggers, a whole COPY at once
            // (docs/decisions.md); EF does not model it (it would make SignIns.ClientId a required key).
            e.HasOne<PhoneModel>().WithMany().HasForeignKey(x => x.PhoneModelId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ProvisioningTemplate>().WithMany().HasForeignKey(x => x.ProvisioningTemplateId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<UserProfile>().WithMany().HasForeignKey(x => x.UserProfileId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Extension).HasMaxLength(16);
            // Sealed at rest (Secrets/SecretBox); the bulk path seals and opens them itself.
            foreach (var f in Switchboard.Core.Users.UserColumns.Sealed)
                e.Property<string>(f.DbColumn!).HasConversion(v => Secrets.SecretBox.Seal(v), v => Secrets.SecretBox.Open(v));
            // What the registrar reads through the sip_subscribers view (Sip/SipCredentials): shadow
            // properties, so they are no field of a user and never reach the API, exports or reports.
            e.Property<string>(Sip.SipCredentials.Ha1Column).HasMaxLength(32);
            e.Property<string>(Sip.SipCredentials.Ha1bColumn).HasMaxLength(32);
            e.Property(x => x.MacAddress).HasMaxLength(17);
            e.Property(x => x.ProvisionedUserAgent).HasMaxLength(256);
            e.HasIndex(x => new { x.ClientId, x.Extension }).IsUnique();
            // Partial indexes: most users are softphones without profile, so NULLs need no index entries.
            e.HasIndex(x => x.MacAddress).IsUnique().HasFilter($"{Q("MacAddress")} IS NOT NULL");
            e.HasIndex(x => x.PhoneModelId).HasFilter($"{Q("PhoneModelId")} IS NOT NULL");
            e.HasIndex(x => x.ProvisioningTemplateId).HasFilter($"{Q("ProvisioningTemplateId")} IS NOT NULL");
            e.HasIndex(x => x.UserProfileId).HasFilter($"{Q("UserProfileId")} IS NOT NULL");
        });
        b.Entity<PhoneModel>(e => e.HasIndex(x => new { x.Vendor, x.Model }).IsUnique());
        b.Entity<ProvisioningTemplate>(e =>
        {
            e.HasOne<PhoneModel>().WithMany().HasForeignKey(x => x.PhoneModelId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Reseller>().WithMany().HasForeignKey(x => x.ResellerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<UserProfile>(e =>
        {
            e.HasOne<Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.ClientId, x.Name }).IsUnique();
        });
        b.Entity<ApiToken>(e =>
        {
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.Property(x => x.SecurityStamp).HasMaxLength(32).HasDefaultValue("");
            e.HasOne<SignIn>().WithMany().HasForeignKey(x => x.SignInId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ImportJob>(e =>
        {
            e.HasIndex(x => new { x.ClientId, x.Id });
            e.HasIndex(x => x.Status);
            e.Property(x => x.Kind).HasMaxLength(16).HasDefaultValue(ImportKind.Import);
            e.HasIndex(x => x.Undoes).HasFilter($"{Q("Undoes")} IS NOT NULL");
            e.HasOne<Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<ImportFile>(e =>
        {
            e.HasKey(x => x.ImportJobId);
            e.HasOne<ImportJob>().WithOne().HasForeignKey<ImportFile>(x => x.ImportJobId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ImportBeforeImage>(e =>
        {
            e.HasKey(x => new { x.ImportJobId, x.UserId });
            e.HasOne<ImportJob>().WithMany().HasForeignKey(x => x.ImportJobId).OnDelete(DeleteBehavior.Cascade);
            // One column per stored field of the field table, as "Users" has it (sealed ones stay sealed).
            foreach (var f in Switchboard.Core.Users.UserColumns.Written)
                e.Property(f.Text is not null ? typeof(string) : f.Number is not null ? typeof(int?) : typeof(bool?), f.DbColumn!);
        });
        b.Entity<AuditEntry>(e =>
        {
            e.HasIndex(x => new { x.ClientId, x.At });
            // EntityId first: it nearly always decides alone, so a bulk insert rarely compares the text (0.1 s per 100k rows on PostgreSQL).
            e.HasIndex(x => new { x.EntityId, x.EntityType });
        });
        b.Entity<SecretKey>(e => e.Property(x => x.Id).ValueGeneratedNever());
        b.Entity<ResellerProvisioning>(e =>
        {
            e.HasKey(x => x.ResellerId);
            e.HasOne<Reseller>().WithOne().HasForeignKey<ResellerProvisioning>(x => x.ResellerId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Password).HasConversion(v => Secrets.SecretBox.Seal(v), v => Secrets.SecretBox.Open(v));
            e.Property(x => x.PreviousPassword).HasConversion(v => v == null ? null : Secrets.SecretBox.Seal(v), v => v == null ? null : Secrets.SecretBox.Open(v));
        });
        b.Entity<PhoneFileStamp>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasData(new PhoneFileStamp { Id = Phones.Provisioning.PhoneFileStamps.RowId, Stamp = 0 });
        });
    }

    /// <summary>Set by <see cref="Phones.Provisioning.PhoneFileStamps.StampAtCommit"/>: the current transaction writes a new stamp as it commits.</summary>
    internal bool StampPhoneFilesAtCommit { get; set; }

    protected override void OnConfiguring(DbContextOptionsBuilder options) =>
        options.AddInterceptors(Phones.Provisioning.PhoneFileStampWriter.Instance);

    // Tracked changes to what a phone's file is made of stamp when they commit: in the caller's
    // transaction, or in one made here around this save when there is none.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (!Phones.Provisioning.PhoneFileStamps.TrackedChangesMatter(this)) return base.SaveChanges(acceptAllChangesOnSuccess);
        if (Database.CurrentTransaction is not null)
        {
            StampPhoneFilesAtCommit = true;
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        using var tx = Database.BeginTransaction();
        StampPhoneFilesAtCommit = true;
        var n = base.SaveChanges(acceptAllChangesOnSuccess);
        tx.Commit();
        return n;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!Phones.Provisioning.PhoneFileStamps.TrackedChangesMatter(this)) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (Database.CurrentTransaction is not null)
        {
            StampPhoneFilesAtCommit = true;
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        await using var tx = await Database.BeginTransactionAsync(cancellationToken);
        StampPhoneFilesAtCommit = true;
        var n = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return n;
    }
}
