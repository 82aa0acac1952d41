# datahub worker image. Build: docker build -t datahub .   Run: docker run --rm datahub demo
# The DuckDB driver ships glibc native libraries, so the runtime image is Debian/Ubuntu based, not Alpine.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so a source change does not download them again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --create-home --home-dir /home/datahub datahub \
    && mkdir -p /data && chown datahub /data
COPY --from=build /src/target/datahub.jar /app/datahub.jar
USER datahub
# Without POSTGRES_URL the hub keeps its data in the embedded DuckDB file /data/datahub.duckdb.
ENV DATAHUB_HOME=/data
VOLUME ["/data"]
ENTRYPOINT ["java", "-jar", "/app/datahub.jar"]
CMD ["serve"]
