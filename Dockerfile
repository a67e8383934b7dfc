# syntax=docker/dockerfile:1
# PaymentsPortal container image.
#   docker build -t payments-portal .
# See docker-compose.yml for running it together with PostgreSQL.

# ---- Stage 1: build and publish ------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Project files first: the restore layer is then reused until a package reference changes.
COPY Directory.Build.props Directory.Packages.props PaymentsPortal.sln ./
COPY PaymentsPortal/PaymentsPortal.csproj PaymentsPortal/
COPY PaymentsPortal.Core/PaymentsPortal.Core.csproj PaymentsPortal.Core/
# Only the web project (and, through it, Core): the tests are not part of the image.
RUN dotnet restore PaymentsPortal/PaymentsPortal.csproj

COPY PaymentsPortal/ PaymentsPortal/
COPY PaymentsPortal.Core/ PaymentsPortal.Core/
RUN dotnet publish PaymentsPortal/PaymentsPortal.csproj -c Release -o /app --no-restore

# ---- Stage 2: runtime ----------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime

# The aspnet image has neither curl nor wget; the HEALTHCHECK below needs one of them.
# Installed as root, before switching to the unprivileged user.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY --from=build /app ./

# The image's built-in non-root user `app` (UID 1654, in $APP_UID): the app needs no root.
USER $APP_UID

# The base image sets ASPNETCORE_HTTP_PORTS=8080; clear it so ASPNETCORE_URLS alone decides
# (otherwise Kestrel logs an "Overriding HTTP_PORTS" warning at every start).
ENV ASPNETCORE_HTTP_PORTS= \
    ASPNETCORE_URLS=http://+:8080
EXPOSE 8080

# Liveness only: /health/live does not depend on the database, so a DB outage does not get
# the container restarted in a loop.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8080/health/live || exit 1

ENTRYPOINT ["dotnet", "PaymentsPortal.dll"]
